using Microsoft.AspNetCore.Http.HttpResults;

namespace MigratieAddin.Api;

/// <summary>A rule as people see it: its stable code, a short Dutch name and its severity.</summary>
public sealed record Regel(string Code, string Naam, Ernst Ernst);

/// <summary>The Dutch name of every rule code, so the pane shows names, not codes, without keeping a copy of the rules.
/// A test ties this table to <see cref="Validator.Rules"/> and the returned-workbook codes.</summary>
public static class Regelnamen
{
    public static readonly IReadOnlyDictionary<string, string> Namen = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["VERPLICHT"] = "Verplichte cel niet ingevuld",
        ["BSN_ONGELDIG"] = "BSN ongeldig",
        ["TOEWIJZINGNUMMER_ONGELDIG"] = "Toewijzingnummer ongeldig",
        ["GEMEENTE_ONBEKEND"] = "Gemeente niet in de regio",
        ["AGB_ONGELDIG"] = "AGB-code ongeldig",
        ["AANBIEDER_NIET_GEGUND"] = "Aanbieder niet gegund",
        ["AANBIEDER_NAAM_AFWIJKEND"] = "Naam aanbieder wijkt af",
        ["PRODUCT2022_ONBEKEND"] = "Productcode {oud} onbekend",
        ["PRODUCT2022_GGZ"] = "GGZ-product valt buiten het format",
        ["PRODUCTCATEGORIE_ONJUIST"] = "Productcategorie {oud} past niet",
        ["DATUM_ONGELDIG"] = "Datum ongeldig",
        ["EINDDATUM_VOOR_INGANGSDATUM"] = "Einddatum vóór ingangsdatum",
        ["BUITEN_SCOPE_EINDDATUM"] = "Einddatum vóór de peildatum",
        ["BUITEN_SCOPE_INGANGSDATUM"] = "Ingangsdatum na de peildatum",
        ["GEBOORTEDATUM_ONLOGISCH"] = "Geboortedatum onlogisch",
        ["LEEFTIJD_18_PLUS"] = "Jeugdige 18 jaar of ouder",
        ["OMVANG_ONGELDIG"] = "Volume, eenheid of frequentie ongeldig",
        ["DUBBELE_TOEWIJZING"] = "Dubbele toewijzing",
        ["PRODUCT2023_LEEG"] = "Productcode {nieuw} nog niet ingevuld",
        ["PRODUCT2023_ONBEKEND"] = "Productcode {nieuw} onbekend",
        ["PRODUCTCATEGORIE_2023_ONJUIST"] = "Productcategorie {nieuw} past niet",
        ["PRODUCT2023_NIET_GEGUND"] = "Productcode {nieuw} niet gegund",
        ["PRODUCT2023_NIET_TOEGESTAAN"] = "Omzetting niet toegestaan",
        ["INTENSITEIT_GEWIJZIGD"] = "Andere intensiteit dan standaard",
        ["EINDDATUM_2023_ONGELDIG"] = "Einddatum {nieuw} ongeldig",
        ["EINDDATUM_GEWIJZIGD"] = "Einddatum {nieuw} gewijzigd",
        ["VOLUME_2023_ONGELDIG"] = "Volume {nieuw} ongeldig",
        ["VOLUME_AFWIJKEND"] = "Volume {nieuw} wijkt af",
        ["STAPELING"] = "Stapeling van producten",
        ["BUDGET_NIET_TOEGESTAAN"] = "Budget alleen op ambulante rijen",
        ["BUDGET_ONGELDIG"] = "Budget {nieuw} ongeldig",
        ["AMBULANT_BUDGET"] = "Ambulant budget in overleg",
        ["AMBULANT_ZONDER_COMBINATIE"] = "Ambulante rij zonder combinatie",
        ["COMBINATIE_ZONDER_AMBULANT"] = "Combinatie zonder ambulante rij",
        ["OPMERKING"] = "Opmerking van de aanbieder",
        // The returned-workbook rules (fase controle)
        ["GEEN_VERZEGELING"] = "Werkboek zonder verzegeling",
        ["VERZEGELING_ONGELDIG"] = "Verzegeling klopt niet",
        ["REGEL_VERWIJDERD"] = "Rij verwijderd",
        ["BLAUW_GEWIJZIGD"] = "Blauwe cel gewijzigd",
        ["REGEL_TOEGEVOEGD"] = "Rij toegevoegd",
    };

    /// <summary>The severities of the returned-workbook codes, which are not <see cref="Rule"/> objects.</summary>
    private static readonly (string Code, Ernst Ernst)[] WerkboekCodes =
        [("GEEN_VERZEGELING", Ernst.Info), ("VERZEGELING_ONGELDIG", Ernst.Fout), ("REGEL_VERWIJDERD", Ernst.Fout), ("BLAUW_GEWIJZIGD", Ernst.Fout), ("REGEL_TOEGEVOEGD", Ernst.Overleg)];

    /// <summary>Every rule with its name; <c>{oud}</c> and <c>{nieuw}</c> in <see cref="Namen"/> are left for <see cref="Voor"/>.</summary>
    public static IReadOnlyList<Regel> Alle { get; } =
        Validator.Rules.Select(r => (r.Code, r.Ernst)).Concat(WerkboekCodes).DistinctBy(r => r.Code)
            .Select(r => new Regel(r.Code, Namen.GetValueOrDefault(r.Code, r.Code), r.Ernst)).ToList();

    /// <summary>Every rule with its name in the region's contract years.</summary>
    public static IReadOnlyList<Regel> Voor(RegioSettings regio) => Alle.Select(r => r with { Naam = regio.Tekst(r.Naam) }).ToList();

    public static RouteHandlerBuilder MapRegels(this IEndpointRouteBuilder app) =>
        app.MapApiGroup("/api/regels", "Validatie", Beleid.IedereRol)
            .MapGet("", (Catalogus catalogus) => TypedResults.Ok(Voor(catalogus.Regio)))
            .WithName("Regels")
            .WithSummary("De regels met hun Nederlandse naam")
            .WithDescription("Per regelcode de korte naam die het taakvenster toont (filter en groepen) en de ernst.")
            .Produces<IReadOnlyList<Regel>>();
}
