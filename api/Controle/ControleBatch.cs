using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

/// <summary>The aanbieder a returned workbook is for: its AGB and, when the region awarded it, the registered name.</summary>
public sealed record BatchAanbieder(string Agb, string? Naam);

/// <summary>One workbook of a batch: its report in short, or why it could not be read. Never a row value.</summary>
public sealed record BatchWerkboek(
    int Nummer, string Bestand, string Uitkomst, string? Verzegeling, Telling? Telling, IReadOnlyList<BatchAanbieder> Aanbieders,
    IReadOnlyList<Melding> Meldingen, bool Omzetbaar, string? Reden)
{
    public const string Gecontroleerd = "gecontroleerd";
    public const string Geweigerd = "geweigerd";
}

/// <summary>The answer of POST /api/controle/batch: every workbook in the order sent, and the counts of all of them together.</summary>
public sealed record Batchcontrole(IReadOnlyList<BatchWerkboek> Werkboeken, Telling Telling);

/// <summary>Checking several returned workbooks in one request. Each workbook is read, judged and let go in turn,
/// so memory holds one workbook at a time; one that cannot be read gets its own reason and never spoils the others.</summary>
public static class ControleBatch
{
    private const string Wat = "de teruggestuurde werkboeken (.xlsx)";

    public static RouteGroupBuilder MapControleBatch(this RouteGroupBuilder group)
    {
        group.MapPost("/controle/batch", Controleer)
            .WithName("ControleerBatch")
            .WithSummary("Controleer meerdere teruggestuurde werkboeken in één keer")
            .WithDescription("Upload elk werkboek in een eigen veld 'bestand'. Antwoord: per werkboek (in de volgorde van verzenden) de bestandsnaam, de verzegeling "
                + "(geldig, ongeldig of geen), de telling per status en de aanbieder; een werkboek dat niet kan worden gelezen, krijgt zijn eigen reden en "
                + "de andere worden gewoon gecontroleerd. Grenzen voor alle werkboeken samen: Limieten:Batch.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<Batchcontrole>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery()
            .LimitUploads();
        return group;
    }

    public static async Task<Results<Ok<Batchcontrole>, ProblemHttpResult>> Controleer(
        HttpRequest request, Catalogus catalogus, Validator validator, Voortgangslog voortgang, IOptions<WerkboekOptions> werkboek, IOptions<BatchOptions> batch,
        string? formaat, CancellationToken ct)
    {
        if (formaat is not (null or "" or "json"))
            return Problems.For(400, "Onbekend formaat. Meerdere werkboeken tegelijk geven alleen het overzicht (JSON); vraag een ingevuld werkboek per stuk op bij /api/controle?formaat=xlsx.");
        var files = await Upload.ReadManyAsync(request, batch.Value.MaxBytes, batch.Value.MaxBestanden, Wat, ct);
        var rows = new RowBudget(batch.Value.MaxRijen);
        var werkboeken = new List<BatchWerkboek>(files.Count);
        var controles = new List<ControleGedaan>(files.Count);
        foreach (var (file, i) in files.Select((f, i) => (f, i + 1)))
        {
            ct.ThrowIfCancellationRequested();
            var (read, reden) = Werkboeken.ReadOfBatch(file, werkboek.Value, catalogus.Regio, rows, ct);
            if (read is null)
            {
                werkboeken.Add(Refused(i, file, reden));
                continue;
            }
            var judgement = validator.Judge(read.Rows, Fase.Controle, read.Verzegeling, ct);
            if (voortgang.Controle(judgement) is { } controle) controles.Add(controle);
            var seal = judgement.Seal!;
            werkboeken.Add(new BatchWerkboek(i, file.Naam, BatchWerkboek.Gecontroleerd,
                seal.Ongeldig ? "ongeldig" : seal.WerkboekId is null ? "geen" : "geldig",
                judgement.Beoordeling.Telling, AanbiedersOf(judgement.Rows, catalogus), judgement.Beoordeling.Meldingen,
                !seal.Ongeldig, seal.Ongeldig ? Werkboeken.SealRefused : null));
        }
        await voortgang.GecontroleerdAsync(controles, ct); // one transaction for the batch
        var checkedOnes = werkboeken.Select(w => w.Telling).OfType<Telling>().ToList();
        return TypedResults.Ok(new Batchcontrole(werkboeken, new Telling(
            checkedOnes.Sum(t => t.Ok), checkedOnes.Sum(t => t.Onvolledig), checkedOnes.Sum(t => t.Overleg), checkedOnes.Sum(t => t.Fout))));
    }

    private static BatchWerkboek Refused(int nummer, UploadedFile file, string reden) =>
        new(nummer, file.Naam, BatchWerkboek.Geweigerd, null, null, [], [], false, reden);

    /// <summary>The aanbieders of the rows (valid AGB codes, in the order they first appear), named as the catalogue has them.</summary>
    private static IReadOnlyList<BatchAanbieder> AanbiedersOf(IReadOnlyList<ReadRow> rows, Catalogus catalogus) =>
        rows.Select(r => r.Agb).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(agb => new BatchAanbieder(agb, catalogus.Aanbieder(agb)?.Naam)).ToList();
}
