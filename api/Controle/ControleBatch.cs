using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

/// <summary>How much one batch of returned workbooks may hold together: the bounds of a single workbook hold for the batch as a whole.</summary>
public sealed class BatchOptions
{
    /// <summary>Most workbooks in one request.</summary>
    public int MaxBestanden { get; set; } = 100;
    /// <summary>Most bytes of all workbooks together (by default what one workbook may be).</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;
    /// <summary>Most rows on the Toewijzingen tabs of all workbooks together (by default what one workbook may hold).</summary>
    public int MaxRijen { get; set; } = 50_000;
}

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

/// <summary>Checking and converting several returned workbooks in one request. Each workbook is read, judged and let go in turn,
/// so memory holds one workbook at a time; one that cannot be read gets its own reason and never spoils the others.</summary>
public static class ControleBatch
{
    public const string SealRefused =
        "De verzegeling van dit werkboek klopt niet (gewijzigd, uit een ander werkboek of beschadigd). Het wordt niet omgezet. Gebruik het werkboek dat de gemeente stuurde.";

    private const string Wat = "de teruggestuurde werkboeken (.xlsx)";

    public static IServiceCollection AddControleBatch(this IServiceCollection services)
    {
        services.AddOptions<BatchOptions>().BindConfiguration("Limieten:Batch")
            .Validate(o => o.MaxBestanden >= 2, "Limieten:Batch:MaxBestanden moet minstens 2 zijn.")
            .Validate(o => o.MaxBytes >= 25L * 1024 * 1024 && o.MaxRijen >= 20_000, "Limieten:Batch moet minstens 25 MB en 20.000 rijen toelaten.")
            .ValidateOnStart();
        return services;
    }

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
        group.MapPost("/omzetting/batch", Zetom)
            .WithName("OmzettingBatch")
            .WithSummary("Eén omzetlijst voor meerdere gecontroleerde werkboeken")
            .WithDescription("Upload elk werkboek in een eigen veld 'bestand'. Antwoord: één omzetlijst (.xlsx, of ?formaat=csv) met vooraan de kolom 'werkboek' "
                + "(de bestandsnaam); op Niet omgezet per regel het werkboek, de rij en de reden. Een werkboek dat niet kan worden gelezen of waarvan de "
                + "verzegeling niet klopt, staat daar met zijn reden; de andere worden gewoon omgezet.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces(StatusCodes.Status200OK, contentType: FormatApi.XlsxType)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
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
            var (read, reden) = Read(file, werkboek.Value, catalogus.Regio, rows, ct);
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
                !seal.Ongeldig, seal.Ongeldig ? SealRefused : null));
        }
        await voortgang.GecontroleerdAsync(controles, ct); // one transaction for the batch
        var checkedOnes = werkboeken.Select(w => w.Telling).OfType<Telling>().ToList();
        return TypedResults.Ok(new Batchcontrole(werkboeken, new Telling(
            checkedOnes.Sum(t => t.Ok), checkedOnes.Sum(t => t.Onvolledig), checkedOnes.Sum(t => t.Overleg), checkedOnes.Sum(t => t.Fout))));
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Zetom(
        HttpRequest request, Catalogus catalogus, Validator validator, Sealer sealer, Voortgangslog voortgang, IOptions<WerkboekOptions> werkboek, IOptions<BatchOptions> batch,
        string? formaat, CancellationToken ct)
    {
        if (formaat is not (null or "" or "xlsx" or "csv"))
            return Problems.For(400, "Onbekend formaat. Laat 'formaat' weg voor .xlsx, of gebruik formaat=csv.");
        var files = await Upload.ReadManyAsync(request, batch.Value.MaxBytes, batch.Value.MaxBestanden, Wat, ct);
        var rows = new RowBudget(batch.Value.MaxRijen);
        var delen = new List<OmzetDeel>(files.Count);
        var omzettingen = new List<OmzettingGedaan>(files.Count);
        foreach (var file in files)
        {
            ct.ThrowIfCancellationRequested();
            var (read, reden) = Read(file, werkboek.Value, catalogus.Regio, rows, ct);
            if (read is null)
            {
                delen.Add(OmzetDeel.Geweigerd(file.Naam, reden));
                continue;
            }
            var judgement = validator.Judge(read.Rows, Fase.Controle, read.Verzegeling, ct);
            if (Omzetlijst.Maak(judgement, catalogus, sealer) is not { } lijst)
            {
                delen.Add(OmzetDeel.Geweigerd(file.Naam, SealRefused));
                continue;
            }
            if (voortgang.Omzetting(judgement, lijst.OmgezetteRijen, lijst.NietOmgezet.Count) is { } omzetting) omzettingen.Add(omzetting);
            delen.Add(new OmzetDeel(file.Naam, lijst));
        }
        await voortgang.OmgezetAsync(omzettingen, ct); // one transaction for the batch
        var samen = new GecombineerdeOmzetlijst(delen);
        return formaat == "csv"
            ? TypedResults.File(new System.Text.UTF8Encoding(true).GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(samen.Csv())).ToArray(), "text/csv; charset=utf-8", "omzetlijst-samen.csv")
            : TypedResults.File(samen.Xlsx(), FormatApi.XlsxType, "omzetlijst-samen.xlsx");
    }

    /// <summary>The rows all workbooks of the batch may still hold together.</summary>
    private sealed class RowBudget(int max)
    {
        public int Max { get; } = max;
        public int Left { get; private set; } = max;
        public void Spend(int rows) => Left -= rows;
    }

    /// <summary>The workbook read within its own limits and what is left of the batch's rows, or the Dutch reason it cannot be
    /// read (the same text the single-workbook route answers). Rows beyond the batch's total refuse the whole request (413).</summary>
    private static (ReturnedWorkbook? Werkboek, string Reden) Read(UploadedFile file, WerkboekOptions limits, RegioSettings regio, RowBudget rows, CancellationToken ct)
    {
        if (file.Bytes.Length > limits.MaxBytes)
            return (null, $"Dit werkboek is groter dan {limits.MaxBytes / (1024 * 1024)} MB, meer dan de API per werkboek verwerkt. Splits het werkboek.");
        var budget = Math.Min(limits.MaxRijen, rows.Left);
        try
        {
            var read = ReturnedWorkbook.Read(file.Bytes, limits.WithMaxRijen(budget), regio, ct);
            rows.Spend(read.Rows.Count);
            return (read, "");
        }
        catch (WorkbookException e) when (e.Status == StatusCodes.Status413PayloadTooLarge && budget < limits.MaxRijen)
        {
            throw new RequestException(StatusCodes.Status413PayloadTooLarge,
                $"De werkboeken hebben samen meer dan {rows.Max.ToString("N0", Dutch.Numbers)} rijen. Stuur ze in kleinere groepjes.");
        }
        catch (WorkbookException e)
        {
            return (null, e.Message);
        }
    }

    private static BatchWerkboek Refused(int nummer, UploadedFile file, string reden) =>
        new(nummer, file.Naam, BatchWerkboek.Geweigerd, null, null, [], [], false, reden);

    /// <summary>The aanbieders of the rows (valid AGB codes, in the order they first appear), named as the catalogue has them.</summary>
    private static IReadOnlyList<BatchAanbieder> AanbiedersOf(IReadOnlyList<ReadRow> rows, Catalogus catalogus) =>
        rows.Select(r => r.Agb).OfType<string>().Distinct(StringComparer.Ordinal)
            .Select(agb => new BatchAanbieder(agb, catalogus.Aanbieder(agb)?.Naam)).ToList();
}
