using System.Collections.Frozen;
using System.Globalization;
using System.Text.Json.Serialization;

namespace MigratieAddin.Api;

/// <summary>A step of the region's plan. Meting names the event that shows the step is done for a gemeente and aanbieder
/// (verstuurd, teruggekomen or omgezet; null for a step the API cannot see), for the voortgang.</summary>
public sealed record Stap([property: JsonPropertyName("stap")] int Nummer, string Wie, string Wat, DateOnly? Uiterlijk, string? Meting = null);

public sealed record RegioSettings(
    string Regio,
    string Toelichting,
    DateOnly Peildatum,
    DateOnly IngangsdatumNieuw,
    string CategorieAmbulant,
    decimal VolumeTolerantie,
    IReadOnlyList<Stap> Stappen)
{
    /// <summary>The old contract year ("2022" in IJsselland): the year of the peildatum unless regio.json names it.</summary>
    public int JaarOud { get; init; } = Peildatum.Year;

    /// <summary>The new contract year ("2023" in IJsselland): the year of the new start unless regio.json names it.</summary>
    public int JaarNieuw { get; init; } = IngangsdatumNieuw.Year;

    [JsonIgnore] public string Oud => JaarOud.ToString(CultureInfo.InvariantCulture);
    [JsonIgnore] public string Nieuw => JaarNieuw.ToString(CultureInfo.InvariantCulture);

    /// <summary>The texts the region may word itself (regio.json "teksten"); what it leaves out is the shipped wording.</summary>
    public RegioTeksten Teksten { get; init; } = new();

    /// <summary>A text with <c>{oud}</c>, <c>{nieuw}</c>, <c>{regio}</c>, <c>{peildatum}</c> and <c>{ingangsdatum}</c> filled in for this region.</summary>
    public string Tekst(string sjabloon) =>
        sjabloon.Replace("{oud}", Oud, StringComparison.Ordinal).Replace("{nieuw}", Nieuw, StringComparison.Ordinal)
            .Replace("{regio}", Regio, StringComparison.Ordinal)
            .Replace("{peildatum}", Dutch.Date(Peildatum), StringComparison.Ordinal)
            .Replace("{ingangsdatum}", Dutch.Date(IngangsdatumNieuw), StringComparison.Ordinal);
}

/// <summary>The paragraphs of the letter and the Toelichting that a region may word itself, as templates for
/// <see cref="RegioSettings.Tekst"/> (the letter also knows <c>{gemeente}</c>). The defaults are the shipped wording.</summary>
public sealed record RegioTeksten
{
    public string BriefInleiding { get; init; } =
        "Uw organisatie biedt jeugdhulp aan jeugdigen met een toewijzing uit regio {regio} die doorloopt na {peildatum}. "
        + "Vanaf {ingangsdatum} werkt de regio met een nieuw inkoopmodel. Loopt de hulp in {nieuw} door, "
        + "dan moeten deze toewijzingen worden omgezet naar de productcodes van het nieuwe model.";

    public string BriefUitgangspunt { get; init; } =
        "Uitgangspunt is dat de intensiteit en de duur van de hulp gelijk blijven. Wilt u daar in een uitzonderlijk geval van afwijken, "
        + "overleg dat dan eerst met ons. Gewone wijzigingen lopen zoals altijd via het berichtenverkeer.";

    public string BriefAfsluiting { get; init; } = "Hartelijk dank voor uw medewerking.";

    /// <summary>One paragraph of the Toelichting per line of the template; the sheet wraps each within its width.</summary>
    public string ToelichtingInleiding { get; init; } =
        "Op {ingangsdatum} gaat de regio over op een nieuw contract.\n"
        + "Lopende toewijzingen voor wonen/verblijf die na {peildatum} doorlopen, worden per {peildatum} beëindigd en per {ingangsdatum} "
        + "opnieuw toegewezen met een productcode van {nieuw}.";

    public string ToelichtingUitgangspunt { get; init; } =
        "Uitgangspunt: de intensiteit en de duur van de hulp blijven gelijk. Elke afwijking wordt eerst met de gemeente overlegd.";
}

public sealed record Gemeente(string Cbscode, string Naam);

public sealed record Product2022(
    string Productcategorie, string Productcode, string Omschrijving, string Soort,
    string Intensiteit, string Eenheid, bool CombinatieAmbulant)
{
    [JsonIgnore] public bool IsGgzVerblijf => Soort.Equals("ggz-verblijf", StringComparison.OrdinalIgnoreCase);
}

public sealed record Product2023(
    string Productcategorie, string Productcode, string Omschrijving, string Soort,
    string Intensiteit, string Eenheid, decimal Tarief);

public sealed record Omzetting(string Productcode2022, string Productcode2023, bool Standaard);

public sealed record Aanbieder(string Agb, string Naam, string Email, string Telefoon, IReadOnlyList<string> GegundeProducten)
{
    private readonly FrozenSet<string> _gegund = GegundeProducten.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    public bool IsGegund(string productcode2023) => _gegund.Contains(productcode2023);
}

/// <summary>The region's catalogue: loaded once at start-up, immutable, with lookups by code and AGB.
/// Product codes are looked up without regard to case.</summary>
public sealed class Catalogus
{
    private readonly FrozenDictionary<string, Gemeente> _gemeenten;
    private readonly FrozenDictionary<string, Product2022> _producten2022;
    private readonly FrozenDictionary<string, Product2023> _producten2023;
    private readonly FrozenDictionary<string, Aanbieder> _aanbieders;
    private readonly FrozenDictionary<string, Omzetting[]> _omzettingenPer2022;

    public Catalogus(RegioSettings regio, IReadOnlyList<Gemeente> gemeenten, IReadOnlyList<Product2022> producten2022,
        IReadOnlyList<Product2023> producten2023, IReadOnlyList<Omzetting> omzettingen, IReadOnlyList<Aanbieder> aanbieders)
    {
        Regio = regio;
        CategorieAmbulant = long.Parse(regio.CategorieAmbulant, CultureInfo.InvariantCulture);
        Gemeenten = gemeenten;
        Producten2022 = producten2022;
        Producten2023 = producten2023;
        Omzettingen = omzettingen;
        Aanbieders = aanbieders;
        _gemeenten = gemeenten.ToFrozenDictionary(g => g.Cbscode);
        _producten2022 = producten2022.ToFrozenDictionary(p => p.Productcode, StringComparer.OrdinalIgnoreCase);
        _producten2023 = producten2023.ToFrozenDictionary(p => p.Productcode, StringComparer.OrdinalIgnoreCase);
        _aanbieders = aanbieders.ToFrozenDictionary(a => a.Agb);
        _omzettingenPer2022 = omzettingen.GroupBy(o => o.Productcode2022, StringComparer.OrdinalIgnoreCase)
            .ToFrozenDictionary(g => g.Key, g => g.ToArray(), StringComparer.OrdinalIgnoreCase);
    }

    public RegioSettings Regio { get; }

    /// <summary>The productcategorie that marks an ambulant row, as a number.</summary>
    public long CategorieAmbulant { get; }
    public IReadOnlyList<Gemeente> Gemeenten { get; }
    public IReadOnlyList<Product2022> Producten2022 { get; }
    public IReadOnlyList<Product2023> Producten2023 { get; }
    public IReadOnlyList<Omzetting> Omzettingen { get; }
    public IReadOnlyList<Aanbieder> Aanbieders { get; }

    public Gemeente? Gemeente(string cbscode) => _gemeenten.GetValueOrDefault(cbscode);
    public Product2022? Product2022(string productcode) => _producten2022.GetValueOrDefault(productcode);
    public Product2023? Product2023(string productcode) => _producten2023.GetValueOrDefault(productcode);
    public Aanbieder? Aanbieder(string agb) => _aanbieders.GetValueOrDefault(agb);

    public IReadOnlyList<Omzetting> OmzettingenFrom(string productcode2022) =>
        _omzettingenPer2022.GetValueOrDefault(productcode2022) ?? [];

    public Omzetting? Omzetting(string productcode2022, string productcode2023)
    {
        foreach (var o in OmzettingenFrom(productcode2022))
            if (o.Productcode2023.Equals(productcode2023, StringComparison.OrdinalIgnoreCase)) return o;
        return null;
    }
}
