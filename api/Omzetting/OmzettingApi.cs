using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

/// <summary>Step 6, the end of it: the conversion list of one checked workbook, or one list for several at once.</summary>
public static class OmzettingApi
{
    private const string Wat = "de teruggestuurde werkboeken (.xlsx)";

    public static IEndpointRouteBuilder MapOmzetting(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api", "Omzetting", Beleid.GemeenteWerk);
        group.MapPost("/omzetting", Zetom)
            .WithName("Omzetting")
            .WithSummary("De omzetlijst van een gecontroleerd werkboek")
            .WithDescription("Beoordeelt het werkboek opnieuw en geeft per rij de beëindiging van de oude toewijzing en de nieuwe regel(s), plus wat niet is omgezet en waarom. "
                + ".xlsx (standaard) of ?formaat=csv. Een werkboek waarvan de verzegeling niet klopt, wordt geweigerd (422).")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces(StatusCodes.Status200OK, contentType: FormatApi.XlsxType)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery()
            .LimitUploads();
        group.MapPost("/omzetting/batch", ZetomBatch)
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
        return app;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> Zetom(
        HttpRequest request, Catalogus catalogus, Validator validator, Sealer sealer, Voortgangslog voortgang, IOptions<WerkboekOptions> options,
        string? formaat, CancellationToken ct)
    {
        if (formaat is not (null or "" or "xlsx" or "csv"))
            return Problems.For(400, "Onbekend formaat. Laat 'formaat' weg voor .xlsx, of gebruik formaat=csv.");
        var (file, _) = await Upload.ReadAsync(request, options.Value.MaxBytes, "het gecontroleerde werkboek (.xlsx)", ct);
        var workbook = ReturnedWorkbook.Read(file, options.Value, catalogus.Regio, ct);
        var judgement = validator.Judge(workbook.Rows, Fase.Controle, workbook.Verzegeling, ct);
        var lijst = Omzetlijst.Maak(judgement, catalogus, sealer, ct);
        if (lijst is null)
            return Problems.For(StatusCodes.Status422UnprocessableEntity, Werkboeken.SealRefused);
        await voortgang.OmgezetAsync(judgement, lijst.OmgezetteRijen, lijst.NietOmgezet.Count, ct);
        return formaat == "csv"
            ? TypedResults.File(Csv(lijst.Csv()), "text/csv; charset=utf-8", "omzetlijst.csv")
            : TypedResults.File(lijst.Xlsx(), FormatApi.XlsxType, "omzetlijst.xlsx");
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> ZetomBatch(
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
            var (read, reden) = Werkboeken.ReadOfBatch(file, werkboek.Value, catalogus.Regio, rows, ct);
            if (read is null)
            {
                delen.Add(OmzetDeel.Geweigerd(file.Naam, reden));
                continue;
            }
            var judgement = validator.Judge(read.Rows, Fase.Controle, read.Verzegeling, ct);
            if (Omzetlijst.Maak(judgement, catalogus, sealer, ct) is not { } lijst)
            {
                delen.Add(OmzetDeel.Geweigerd(file.Naam, Werkboeken.SealRefused, "VERZEGELING_ONGELDIG"));
                continue;
            }
            if (voortgang.Omzetting(judgement, lijst.OmgezetteRijen, lijst.NietOmgezet.Count) is { } omzetting) omzettingen.Add(omzetting);
            delen.Add(new OmzetDeel(file.Naam, lijst));
        }
        await voortgang.OmgezetAsync(omzettingen, ct); // one transaction for the batch
        var samen = new GecombineerdeOmzetlijst(delen);
        return formaat == "csv"
            ? TypedResults.File(Csv(samen.Csv()), "text/csv; charset=utf-8", "omzetlijst-samen.csv")
            : TypedResults.File(samen.Xlsx(), FormatApi.XlsxType, "omzetlijst-samen.xlsx");
    }

    /// <summary>UTF-8 with a byte order mark, so Excel opens the CSV with its accents intact.</summary>
    private static byte[] Csv(string text) => [.. System.Text.Encoding.UTF8.GetPreamble(), .. System.Text.Encoding.UTF8.GetBytes(text)];
}
