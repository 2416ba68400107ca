using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

public sealed class CatalogusOptions
{
    /// <summary>A folder with the six catalogue files; empty means the catalogue embedded in the API.</summary>
    public string? Map { get; set; }
}

public sealed record CatalogusAntwoord(
    RegioSettings Regio,
    IReadOnlyList<Gemeente> Gemeenten,
    IReadOnlyList<Product2022> Producten2022,
    IReadOnlyList<Product2023> Producten2023,
    IReadOnlyList<Omzetting> Omzettingen,
    IReadOnlyList<Aanbieder> Aanbieders);

public static class CatalogusApi
{
    public static IServiceCollection AddCatalogus(this IServiceCollection services)
    {
        services.AddOptions<CatalogusOptions>().BindConfiguration("Catalogus")
            .Validate(o => string.IsNullOrWhiteSpace(o.Map) || Directory.Exists(o.Map),
                "Instelling Catalogus:Map moet een bestaande map met de zes catalogusbestanden zijn (leeg laten gebruikt de ingebouwde voorbeeldcatalogus).")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var map = sp.GetRequiredService<IOptions<CatalogusOptions>>().Value.Map;
            return string.IsNullOrWhiteSpace(map) ? CatalogusLoader.LoadEmbedded() : CatalogusLoader.LoadFromFolder(map);
        });
        return services;
    }

    public static RouteGroupBuilder MapCatalogus(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/catalogus", "Catalogus", Beleid.IedereRol);
        group.MapGet("", HaalOp)
            .WithName("HaalCatalogusOp")
            .WithSummary("De catalogus van de regio")
            .WithDescription("Regio-instellingen, gemeenten, de oude en de nieuwe producten, de omzettingstabel en de gegunde aanbieders.");
        return group;
    }

    public static Ok<CatalogusAntwoord> HaalOp(Catalogus catalogus) =>
        TypedResults.Ok(new CatalogusAntwoord(catalogus.Regio, catalogus.Gemeenten, catalogus.Producten2022,
            catalogus.Producten2023, catalogus.Omzettingen, catalogus.Aanbieders));
}
