using System.Globalization;
using System.Text;

namespace MigratieAddin.Api;

/// <summary>One workbook's part of a conversion list: its lines, named by the workbook's file name in a combined list
/// (null in the list of a single workbook).</summary>
public sealed record OmzetDeel(string? Werkboek, Omzetlijst Lijst)
{
    /// <summary>A workbook that could not be converted at all: one Niet omgezet line with the reason, so it does not silently disappear.</summary>
    public static OmzetDeel Geweigerd(string werkboek, string reden, string code = "") => new(werkboek, new Omzetlijst([], [new NietOmgezet(null, null, code, reden)]));
}

/// <summary>The conversion list of several workbooks at once: one Omzetting tab and one Niet omgezet tab, each line naming its workbook.</summary>
public sealed record GecombineerdeOmzetlijst(IReadOnlyList<OmzetDeel> Delen)
{
    public static readonly IReadOnlyList<(string Key, string Kop)> Velden = [("werkboek", "Werkboek"), .. Omzetlijst.Velden];

    public static readonly string[] Kolommen = Velden.Select(v => v.Key).ToArray();

    public byte[] Xlsx() => OmzetlijstBestand.Xlsx(Delen);

    public string Csv() => OmzetlijstBestand.Csv(Delen);
}

/// <summary>Writes a conversion list as .xlsx or CSV. A list whose parts name their workbook gets a first column 'werkboek'
/// on both tabs; the list of a single workbook keeps the columns of FORMAT.md exactly.</summary>
public static class OmzetlijstBestand
{
    public static byte[] Xlsx(IReadOnlyList<OmzetDeel> delen)
    {
        var named = Named(delen);
        var koppen = (named ? GecombineerdeOmzetlijst.Velden : Omzetlijst.Velden).Select(v => v.Kop).SkipLast(1).ToList();
        using var stream = new MemoryStream();
        string[] niet = named ? ["Werkboek", "Rij", "Toewijzingnummer", "Regelcode", "Reden"] : ["Rij", "Toewijzingnummer", "Regelcode", "Reden"];
        XlsxWriter.WriteStreamed(stream,
        [
            new("Omzetting", delen.SelectMany(d => d.Lijst.Regels.Select(r => (IReadOnlyList<XlsxCell>)
                [.. Werkboek(d, named), T(r.Gemeentecode), T(r.AanbiederAgb), T(r.Bsn), N(r.Toewijzingnummer), T(r.Soort), T(r.Productcategorie), T(r.Productcode),
                 D(r.Ingangsdatum), D(r.Einddatum), N(r.Volume), T(r.Eenheid), N(r.Frequentie), N(r.Budget), T(r.RedenWijziging), N(r.Rij)]))
                .Prepend(koppen.Select(h => XlsxCell.Of(h, Stijl.Kop)).ToArray()),
                new SheetOptions { FreezeHeader = true, AutoFilter = true, Columns = koppen.Select((kop, i) => new ColumnSpec(named && i == 0 ? 30 : Math.Max(14, kop.Length + 3))).ToList() }),
            new("Niet omgezet", delen.SelectMany(d => d.Lijst.NietOmgezet.Select(n => (IReadOnlyList<XlsxCell>)
                    [.. Werkboek(d, named), N(n.Rij), T(n.Toewijzingnummer), T(n.Codes), XlsxCell.Of(n.Reden, Stijl.Omloop)]))
                .Prepend(niet.Select(h => XlsxCell.Of(h, Stijl.Kop)).ToArray()),
                new SheetOptions { FreezeHeader = true, AutoFilter = named, Columns = [.. named ? [new ColumnSpec(30)] : Array.Empty<ColumnSpec>(), new(8), new(19), new(28), new(90)] }),
        ]);
        return stream.ToArray();

        static XlsxCell T(string? s) => XlsxCell.Of(s, Stijl.Tekst);
        static XlsxCell N(long? n) => n is { } v ? XlsxCell.Of(v) : XlsxCell.Empty;
        static XlsxCell D(DateOnly? d) => d is { } v ? XlsxCell.Of(v) : XlsxCell.Empty;
        static XlsxCell[] Werkboek(OmzetDeel d, bool named) => named ? [T(d.Werkboek)] : [];
    }

    public static string Csv(IReadOnlyList<OmzetDeel> delen)
    {
        var named = Named(delen);
        var b = new StringBuilder();
        b.AppendLine(string.Join(';', named ? GecombineerdeOmzetlijst.Kolommen : Omzetlijst.Kolommen));
        foreach (var d in delen)
            foreach (var r in d.Lijst.Regels)
                Line(d, [r.Gemeentecode, r.AanbiederAgb, r.Bsn, N(r.Toewijzingnummer), r.Soort, r.Productcategorie, r.Productcode,
                    Date(r.Ingangsdatum), Date(r.Einddatum), N(r.Volume), r.Eenheid, N(r.Frequentie), N(r.Budget), r.RedenWijziging, N(r.Rij), ""]);
        foreach (var d in delen)
            foreach (var n in d.Lijst.NietOmgezet)
                Line(d, ["", "", "", n.Toewijzingnummer, "niet_omgezet", "", "", "", "", "", "", "", "", "", N(n.Rij), n.CsvReden]);
        return b.ToString();

        void Line(OmzetDeel d, string?[] fields) =>
            b.AppendLine(string.Join(';', (named ? fields.Prepend(d.Werkboek) : fields).Select(CsvText.Field)));
        static string N(long? n) => n?.ToString(CultureInfo.InvariantCulture) ?? "";
        static string Date(DateOnly? d) => d?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "";
    }

    private static bool Named(IReadOnlyList<OmzetDeel> delen) => delen.Any(d => d.Werkboek is not null);
}
