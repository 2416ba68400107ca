namespace MigratieAddin.Api;

/// <summary>The overview as a table: one definition for the .xlsx download and for the sheet the pane writes
/// ("Voortgang in werkblad"). The first five columns are the chart's data: a label and the rows per status.</summary>
public sealed record VoortgangTabel(IReadOnlyList<string> Koppen, IReadOnlyList<object?[]> Rijen)
{
    /// <summary>Columns 0..4: the label and the rows per status, the range a stacked bar chart is drawn from.</summary>
    public const int GrafiekKolommen = 5;

    public static readonly string[] Statussen = ["Ok", "Overleg", "Onvolledig", "Fout"];

    public static VoortgangTabel Of(VoortgangOverzicht overzicht) => new(
        ["Gemeente en aanbieder", .. Statussen, "Te laat", "Stap", "Volgende stap", "Uiterlijk", "Verstuurd", "Teruggekomen", "Rijen",
         "Akkoorden", "Omgezet", "Niet omgezet", "Gemeentecode", "AGB-code"],
        overzicht.Regels.Select(r => new object?[]
        {
            $"{r.GemeenteNaam ?? r.Gemeente} – {(r.Aanbieder is null ? "nog niets verstuurd" : r.AanbiederNaam ?? r.Aanbieder)}",
            r.Telling.Ok, r.Telling.Overleg, r.Telling.Onvolledig, r.Telling.Fout,
            r.TeLaat ? "ja" : "nee", r.Stap?.Wat ?? "", r.VolgendeStap?.Wat ?? "",
            r.VolgendeStap?.Uiterlijk is { } d ? Dutch.Datum(d) : "",
            r.Verstuurd, r.Teruggekomen, r.Rijen, r.Akkoorden, r.Omgezet, r.NietOmgezet, r.Gemeente, r.Aanbieder ?? "",
        }).ToList());

    /// <summary>A workbook with the sheet Voortgang: the table and a native stacked bar chart of the rows per status, each
    /// status in the text colour the Status column uses for it.</summary>
    public byte[] Xlsx() => new TabelWerkboek("Voortgang", Koppen, Rijen, new Staafgrafiek("Rijen per status bij de laatste controle",
        [.. Statussen.Select((s, i) => (i + 1, XlsxWriter.Statuskleuren.Single(k => k.Status == s.ToLowerInvariant()).Tekst))])).Xlsx();
}
