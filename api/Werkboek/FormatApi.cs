using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

public sealed class FormatOptions
{
    /// <summary>Largest upload or JSON body (at least 25 MB must be accepted).</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most rows in one format.</summary>
    public int MaxRijen { get; set; } = 50_000;
}

/// <summary>Steps 1 to 3 of the region's plan: the format workbook, and one workbook with a mail draft per aanbieder.</summary>
public static class FormatApi
{
    public const string XlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    public static IServiceCollection AddFormat(this IServiceCollection services)
    {
        services.AddOptions<FormatOptions>().BindConfiguration("Limieten:Format")
            .Tussen("Limieten:Format:MaxBytes", o => o.MaxBytes, 25 * Instellingen.MB, Instellingen.MaxVerzoek, bytes: true,
                waarom: "een format van 20.000 rijen moet passen")
            .Tussen("Limieten:Format:MaxRijen", o => o.MaxRijen, 20_000, 1_000_000)
            .ValidateOnStart();
        return services;
    }

    public static RouteGroupBuilder MapFormat(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/format", "Format", Beleid.GemeenteWerk);
        group.MapPost("", MaakFormat)
            .WithName("MaakFormat")
            .WithSummary("Maak het format (.xlsx)")
            .WithDescription("Van JSON-rijen of een geüploade CSV-export (veld 'bestand', puntkomma's, UTF-8) van lopende toewijzingen: "
                + "het format met alle tabbladen. Optioneel 'contactpersonen' (JSON) voor het tabblad Contactpersonen.")
            .Accepts<FormatVerzoekSchema>("application/json", "multipart/form-data")
            .Produces(StatusCodes.Status200OK, contentType: XlsxType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .LimitUploads();
        group.MapPost("/per-aanbieder", PerAanbiederZip)
            .WithName("FormatPerAanbieder")
            .WithSummary("Maak per gemeente en aanbieder een werkboek met concept-e-mail (.zip)")
            .WithDescription("Dezelfde invoer als /api/format. Rijen van niet-gegunde aanbieders en rijen met een fout in de blauwe kolommen "
                + "gaan niet mee en staan met de reden in verzendoverzicht.csv. Met ?formaat=overzicht komt alleen het overzicht terug (JSON).")
            .Accepts<FormatVerzoekSchema>("application/json", "multipart/form-data")
            .Produces(StatusCodes.Status200OK, contentType: "application/zip")
            .Produces<Verzendoverzicht>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .LimitUploads();
        return group;
    }

    public static async Task<Results<FileContentHttpResult, ProblemHttpResult>> MaakFormat(
        HttpRequest request, Catalogus catalogus, IOptions<FormatOptions> options, CancellationToken ct)
    {
        var input = await FormatInput.ReadAsync(request, options.Value, catalogus.Regio, ct);
        var gemeente = SingleGemeente(input.Rows, catalogus);
        using var stream = new MemoryStream();
        FormatWorkbook.Write(stream, input.Rows, catalogus, input.Contactpersonen, gemeente?.Naam, ct: ct);
        var name = $"format-wonen-verblijf-{PerAanbieder.SafeName(gemeente?.Naam ?? catalogus.Regio.Regio).ToLowerInvariant()}.xlsx";
        return TypedResults.File(stream.ToArray(), XlsxType, name);
    }

    public static async Task<Results<FileContentHttpResult, Ok<Verzendoverzicht>, ProblemHttpResult>> PerAanbiederZip(
        HttpRequest request, Catalogus catalogus, Validator validator, Sealer sealer, Voortgangslog voortgang, IOptions<FormatOptions> options, string? formaat,
        CancellationToken ct)
    {
        var input = await FormatInput.ReadAsync(request, options.Value, catalogus.Regio, ct);
        var plan = PerAanbieder.Plan(input.Rows, catalogus, validator, ct);
        if (string.Equals(formaat, "overzicht", StringComparison.OrdinalIgnoreCase)) return TypedResults.Ok(plan);
        if (formaat is not (null or "" or "zip"))
            return Problems.For(400, "Onbekend formaat. Laat 'formaat' weg voor de zip, of gebruik formaat=overzicht.");
        using var stream = new MemoryStream();
        var werkboeken = PerAanbieder.WriteZip(stream, plan, catalogus, input.Contactpersonen, sealer, ct);
        await voortgang.GemaaktAsync(werkboeken, ct);
        return TypedResults.File(stream.ToArray(), "application/zip", $"format-per-aanbieder-{PerAanbieder.SafeName(catalogus.Regio.Regio).ToLowerInvariant()}.zip");
    }

    private static Gemeente? SingleGemeente(IReadOnlyList<Row> rows, Catalogus catalogus)
    {
        var codes = rows.Select(r => ValueReader.TryDigitCode(r[Column.Gemeentecode], 4, out var c) ? c : null).Distinct().ToList();
        return codes is [{ } code] ? catalogus.Gemeente(code) : null;
    }
}

/// <summary>The request body as the OpenAPI document describes it (JSON); uploads send 'bestand' and 'contactpersonen' as form fields.</summary>
public sealed record FormatVerzoekSchema(IReadOnlyList<RijSchema> Rijen, IReadOnlyList<Contactpersoon>? Contactpersonen);

/// <summary>The rows and contact persons of a format request, from JSON or from an uploaded CSV export.</summary>
public sealed record FormatInput(IReadOnlyList<Row> Rows, IReadOnlyList<Contactpersoon> Contactpersonen)
{
    public static async Task<FormatInput> ReadAsync(HttpRequest request, FormatOptions options, RegioSettings regio, CancellationToken ct)
    {
        if (request.HasJsonContentType())
        {
            var json = await RequestBody.ReadAsync(request, options.MaxBytes, body => RowsRequestReader.Read(body, options.MaxRijen, faseRequired: false), ct);
            return new FormatInput(json.Rijen, json.Contactpersonen);
        }
        if (!request.HasFormContentType)
            throw new RequestException(StatusCodes.Status415UnsupportedMediaType,
                "Stuur de rijen als JSON, of upload een CSV-bestand als multipart/form-data in het veld 'bestand'.");
        var (file, form) = await Upload.ReadAsync(request, options.MaxBytes, "een CSV-bestand met de lopende toewijzingen", ct);
        var rows = BackofficeExport.Read(file, options.MaxRijen, regio);
        return new FormatInput(rows, RowsRequestReader.ReadContactpersonen(form["contactpersonen"].FirstOrDefault()));
    }
}
