using System.Text.Json;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

public sealed class ValidatieOptions
{
    /// <summary>Largest request body, after decompression (50,000 full rows fit comfortably).</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Most rows in one request.</summary>
    public int MaxRijen { get; set; } = 50_000;
}

/// <summary>The request body as the OpenAPI document describes it; the API reads it with <see cref="RowsRequestReader"/>.</summary>
public sealed record ValidatieVerzoekSchema(string Fase, IReadOnlyList<RijSchema> Rijen, string? Verzegeling);

public sealed record RijSchema(int? Rij, IReadOnlyDictionary<string, JsonElement> Waarden);

public static class ValidatieApi
{
    public static IServiceCollection AddValidatie(this IServiceCollection services)
    {
        services.AddOptions<ValidatieOptions>().BindConfiguration("Limieten:Validatie")
            .Tussen("Limieten:Validatie:MaxBytes", o => o.MaxBytes, 1 * Instellingen.MB, Instellingen.MaxVerzoek, bytes: true)
            .Tussen("Limieten:Validatie:MaxRijen", o => o.MaxRijen, 1, 1_000_000)
            .ValidateOnStart();
        services.AddSingleton<Validator>();
        return services;
    }

    public static RouteGroupBuilder MapValidatie(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/validatie", "Validatie", Beleid.IedereRol);
        group.MapPost("", Valideer)
            .WithName("Valideer")
            .WithSummary("Beoordeel rijen van het format")
            .WithDescription("Beoordeelt alle niet-lege rijen van het tabblad Toewijzingen volgens de regels van het format. " +
                "Meldingen komen terug in een 200-rapport; alleen een onbruikbaar verzoek geeft een 4xx-probleem.")
            .Accepts<ValidatieVerzoekSchema>("application/json")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        return group;
    }

    public static async Task<Results<JsonAnswer<Beoordeling>, ProblemHttpResult>> Valideer(
        HttpRequest request, Validator validator, IOptions<ValidatieOptions> options, AanmeldConfig aanmelding, CancellationToken ct)
    {
        if (!request.HasJsonContentType())
            return Problems.For(StatusCodes.Status415UnsupportedMediaType, "Stuur de rijen als JSON (Content-Type: application/json).");
        var verzoek = await RequestBody.ReadAsync(request, options.Value.MaxBytes, json => RowsRequestReader.Read(json, options.Value.MaxRijen, ct: ct), ct);
        if (!Aanmelding.MayUseFase(request.HttpContext.User, aanmelding, verzoek.Fase!.Value))
            return Problems.For(StatusCodes.Status403Forbidden, "Met de rol Aanbieder kunt u alleen de fase 'aanbieder' gebruiken.");
        return BeoordelingInParts.Answer(validator.Validate(verzoek.Rijen, verzoek.Fase!.Value, verzoek.Verzegeling, ct));
    }
}
