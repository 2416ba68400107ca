using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

public sealed record AkkoordVerzoekSchema(string RegelId, IReadOnlyDictionary<string, JsonElement> Waarden, string Verzegeling);

public sealed record AkkoordAntwoord(string Akkoordcode);

/// <summary>Step 6: check a returned workbook (Status and Meldingen written into it on request) and approve overleg rows.</summary>
public static class ControleApi
{
    public static IEndpointRouteBuilder MapControle(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api", "Controle", Beleid.GemeenteWerk);
        group.MapPost("/controle", Controleer)
            .WithName("Controleer")
            .WithSummary("Controleer een teruggestuurd werkboek")
            .WithDescription("Upload (veld 'bestand') het werkboek dat de aanbieder terugstuurde. Antwoord: het rapport zoals /api/validatie (fase controle), "
                + "met de controle van de verzegeling. Met ?formaat=xlsx: hetzelfde werkboek met Status en Meldingen ingevuld.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<Beoordeling>()
            .Produces(StatusCodes.Status200OK, contentType: FormatApi.XlsxType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery()
            .LimitUploads();
        group.MapPost("/akkoord", Akkoord)
            .WithName("Akkoord")
            .WithSummary("Akkoord van de gemeente op een overlegrij")
            .WithDescription("Geeft het akkoordteken over de huidige waarden van de rij, gebonden aan dit werkboek (stuur de verzegeling mee, zoals bij /api/validatie) "
                + "en deze rij; de invoegtoepassing zet het in de kolom Akkoordcode. Elke latere wijziging maakt het ongeldig. Alleen voor een rij waarvan alle "
                + "meldingen overleg of info zijn; anders 422 met wat eerst moet worden verbeterd.")
            .Accepts<AkkoordVerzoekSchema>("application/json")
            .Produces<AkkoordAntwoord>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapControleBatch();
        return app;
    }

    public static async Task<Results<JsonAnswer<Beoordeling>, PushStreamHttpResult, ProblemHttpResult>> Controleer(
        HttpRequest request, Catalogus catalogus, Validator validator, Voortgangslog voortgang, IOptions<WerkboekOptions> options, string? formaat, CancellationToken ct)
    {
        if (formaat is not (null or "" or "json" or "xlsx"))
            return Problems.For(400, "Onbekend formaat. Laat 'formaat' weg voor het rapport (JSON), of gebruik formaat=xlsx.");
        var (file, _) = await Upload.ReadAsync(request, options.Value.MaxBytes, "het teruggestuurde werkboek (.xlsx)", ct);
        var workbook = ReturnedWorkbook.Read(file, options.Value, catalogus.Regio, ct);
        var judgement = validator.Judge(workbook.Rows, Fase.Controle, workbook.Verzegeling, ct);
        var report = judgement.Beoordeling;
        await voortgang.GecontroleerdAsync(judgement, ct);
        if (formaat != "xlsx") return BeoordelingInParts.Answer(report);
        // Everything that can refuse the workbook happens here, before the answer starts; the workbook itself is then
        // streamed to the response (18 MB for 50,000 rows, never held whole).
        var filled = StatusWriter.Prepare(file, workbook, report, ct);
        return TypedResults.Stream(body => filled.WriteAsync(body, ct), FormatApi.XlsxType, "gecontroleerd.xlsx");
    }

    public static async Task<Results<Ok<AkkoordAntwoord>, ProblemHttpResult>> Akkoord(HttpRequest request, Validator validator, Sealer sealer, Voortgangslog voortgang,
        CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return Problems.For(StatusCodes.Status415UnsupportedMediaType, "Stuur de rij als JSON (Content-Type: application/json).");
        var (regelId, row, verzegeling) = await RequestBody.ReadAsync(request, 1024 * 1024, body => RowsRequestReader.ReadSingle(body.Span), ct);
        // A mark belongs to one workbook, known by its seal: without one there is nothing to bind it to.
        if (string.IsNullOrWhiteSpace(verzegeling))
            return Problems.For(StatusCodes.Status422UnprocessableEntity,
                "Akkoord geven kan alleen in het verzegelde werkboek dat de gemeente stuurde, en dit verzoek heeft geen verzegeling ('verzegeling'). "
                + "Open het teruggestuurde werkboek van de aanbieder en geef daarin akkoord.");
        row[Column.RegelId] = Cell.FromText(regelId);
        var judgement = validator.Judge([row], Fase.Controle, verzegeling, ct);
        if (judgement.Seal is not { WerkboekId: { } werkboekId })
            return Problems.For(StatusCodes.Status422UnprocessableEntity,
                "De verzegeling van dit werkboek klopt niet, of de rij hoort niet bij dit werkboek. Op een werkboek dat niet kan worden vertrouwd, wordt geen akkoord gegeven. "
                + "Gebruik het werkboek dat de gemeente stuurde.");
        var rij = judgement.Beoordeling.Rijen[0];
        if (!Akkoordcode.Approvable(rij.Meldingen))
            return Problems.For(StatusCodes.Status422UnprocessableEntity,
                "Voor deze rij kan geen akkoord worden gegeven: akkoord geldt alleen voor overleg. Verbeter eerst: "
                + string.Join(" ", rij.Meldingen.Where(m => m.Ernst is Ernst.Fout or Ernst.Onvolledig).Select(m => $"{m.Code}: {m.Tekst}")));
        await voortgang.AkkoordAsync(werkboekId, ct);
        return TypedResults.Ok(new AkkoordAntwoord(Akkoordcode.Code(sealer, werkboekId, regelId, row)));
    }
}
