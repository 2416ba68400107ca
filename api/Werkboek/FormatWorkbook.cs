using System.Globalization;
using DocumentFormat.OpenXml.Packaging;

namespace MigratieAddin.Api;

/// <summary>The format workbook of FORMAT.md: every tab, the Toewijzingen sheet with coloured headers, frozen header
/// row, autofilter, widths, dates as dates, codes as text, a product dropdown and conditional formats on Status.</summary>
public static class FormatWorkbook
{
    public const string Toelichting = "Toelichting";
    public const string Toewijzingen = "Toewijzingen";
    public const string Omzettingstabel = "Omzettingstabel";
    public const string Contactpersonen = "Contactpersonen";

    // Tab names with a contract year are templates that the region's settings complete.
    private const string Producten2022Tab = "Producten {oud}";
    private const string Producten2023Tab = "Producten {nieuw}";
    private const string GegundeAanbiedersTab = "Gegunde aanbieders {nieuw}";

    public static string Producten2022(RegioSettings regio) => regio.Tekst(Producten2022Tab);
    public static string Producten2023(RegioSettings regio) => regio.Tekst(Producten2023Tab);
    public static string GegundeAanbieders(RegioSettings regio) => regio.Tekst(GegundeAanbiedersTab);

    /// <summary>The tabs of the format in order, named for the region's years.</summary>
    public static IReadOnlyList<string> Tabs(RegioSettings regio) =>
        [Toelichting, Toewijzingen, Producten2022(regio), Producten2023(regio), Omzettingstabel, GegundeAanbieders(regio), Contactpersonen];

    private static readonly Dictionary<Column, double> Widths = new()
    {
        [Column.AanbiederNaam] = 26,
        [Column.Naam] = 24,
        [Column.OpmerkingAanbieder] = 30,
        [Column.Meldingen] = 60,
        [Column.Productcategorie2022] = 12,
        [Column.Productcategorie2023] = 12,
        [Column.Eenheid] = 9,
        [Column.Frequentie] = 11,
        [Column.Status] = 12,
        [Column.Volume] = 10,
        [Column.Volume2023] = 10,
    };

    private static IReadOnlySet<Column> TextColumns => Columns.TextFormatted;

    /// <summary>Writes the workbook for these rows to <paramref name="stream"/>.</summary>
    public static void Write(Stream stream, IEnumerable<Row> rows, Catalogus catalogus, IReadOnlyList<Contactpersoon> contactpersonen,
        string? gemeenteNaam = null, IReadOnlyList<string>? sealLines = null, CancellationToken ct = default)
    {
        using var document = XlsxWriter.Create(stream);
        var regio = catalogus.Regio;
        XlsxWriter.AddSheet(document, Toelichting, ToelichtingRows(catalogus), new SheetOptions { Columns = [new(8), new(24), new(70), new(14)] });
        XlsxWriter.AddSheet(document, Toewijzingen, ToewijzingRows(rows, regio, ct), new SheetOptions
        {
            Columns = Columns.All.Select(c => new ColumnSpec(Math.Max(Widths.GetValueOrDefault(c.Column, 14), XlsxWriter.WidthForWords(c.Column.Header(regio))), c.Colour == Colour.Hidden,
                TextColumns.Contains(c.Column) ? Stijl.Tekst : null)).ToList(),
            FreezeHeader = true,
            AutoFilter = true,
            StatusFormats = (Column.Status.Position(), [("fout", StatusOpmaak.Fout), ("overleg", StatusOpmaak.Overleg), ("onvolledig", StatusOpmaak.Onvolledig), ("ok", StatusOpmaak.Ok)]),
            ListValidation = (Column.Productcode2023.Position(), Invariant($"'{Producten2023(regio)}'!$B$2:$B${catalogus.Producten2023.Count + 1}"),
                $"Kies de productcode {regio.Nieuw} die past bij de zorg voor deze jeugdige.",
                $"Deze code staat niet in het tabblad {Producten2023(regio)}. Kies een code uit de lijst."),
        });
        XlsxWriter.AddSheet(document, Producten2022(regio), Table(
            ["Productcategorie", "Productcode", "Omschrijving", "Soort", "Intensiteit", "Eenheid", "Combinatie met ambulant"],
            catalogus.Producten2022.Select(p => Texts(p.Productcategorie, p.Productcode, p.Omschrijving, p.Soort, p.Intensiteit, p.Eenheid, p.CombinatieAmbulant ? "ja" : "nee"))),
            new SheetOptions { Columns = [new(16), new(13), new(50), new(14), new(12), new(9), new(22)], FreezeHeader = true });
        XlsxWriter.AddSheet(document, Producten2023(regio), Table(
            ["Productcategorie", "Productcode", "Omschrijving", "Soort", "Intensiteit", "Eenheid", "Tarief (euro)"],
            catalogus.Producten2023.Select(p => (IReadOnlyList<XlsxCell>)[.. Texts(p.Productcategorie, p.Productcode, p.Omschrijving, p.Soort, p.Intensiteit, p.Eenheid), XlsxCell.Of((double)p.Tarief, Stijl.Bedrag)])),
            new SheetOptions { Columns = [new(16), new(13), new(50), new(14), new(12), new(9), new(13)], FreezeHeader = true });
        XlsxWriter.AddSheet(document, Omzettingstabel, Table(
            [$"Productcode {regio.Oud}", $"Omschrijving {regio.Oud}", $"Productcode {regio.Nieuw}", $"Omschrijving {regio.Nieuw}", "Standaard (zelfde intensiteit)"],
            catalogus.Omzettingen.Select(o => Texts(o.Productcode2022, catalogus.Product2022(o.Productcode2022)?.Omschrijving, o.Productcode2023,
                catalogus.Product2023(o.Productcode2023)?.Omschrijving, o.Standaard ? "ja" : "nee"))),
            new SheetOptions { Columns = [new(16), new(50), new(16), new(50), new(26)], FreezeHeader = true });
        XlsxWriter.AddSheet(document, GegundeAanbieders(regio), Table(
            ["AGB-code", "Naam", "E-mail", "Telefoon", $"Gegunde productcodes {regio.Nieuw}"],
            catalogus.Aanbieders.Select(a => Texts(a.Agb, a.Naam, a.Email, a.Telefoon, string.Join(' ', a.GegundeProducten)))),
            new SheetOptions { Columns = [new(11, Style: Stijl.Tekst), new(30), new(34), new(14), new(40)], FreezeHeader = true });
        XlsxWriter.AddSheet(document, Contactpersonen, Table(
            ["Organisatie", "Voornaam", "Achternaam", "E-mail", "Telefoon", "Rol"],
            contactpersonen.Select(c => Texts(gemeenteNaam is null ? "Gemeente" : $"Gemeente {gemeenteNaam}", c.Voornaam, c.Achternaam, c.Email, c.Telefoon, c.Rol))),
            new SheetOptions { Columns = [new(26), new(16), new(20), new(32), new(14), new(30)], FreezeHeader = true });
        if (sealLines is not null)
            XlsxWriter.AddSheet(document, Seal.Sheet, sealLines.Select(l => (IReadOnlyList<XlsxCell>)[XlsxCell.Of(l)]), hidden: true);
    }

    private static IEnumerable<IReadOnlyList<XlsxCell>> ToewijzingRows(IEnumerable<Row> rows, RegioSettings regio, CancellationToken ct)
    {
        yield return Columns.All.Select(c => XlsxCell.Of(c.Column.Header(regio), c.Colour switch
        {
            Colour.Blue => Stijl.KopBlauw,
            Colour.Yellow => Stijl.KopGeel,
            _ => Stijl.KopGrijs,
        })).ToArray();
        var n = 0;
        foreach (var row in rows)
        {
            if (++n % 1000 == 0) ct.ThrowIfCancellationRequested(); // 50,000 rows take a while: the request timeout reaches here
            if (row.IsEmpty) continue;
            var cells = new XlsxCell[Columns.Count];
            for (var c = 0; c < Columns.Count; c++) cells[c] = CellFor(Columns.All[c].Column, row[Columns.All[c].Column]);
            yield return cells;
        }
    }

    /// <summary>A value as the format stores it: codes as text with their zeros, dates as dates, numbers as numbers.
    /// What cannot be read is kept exactly as given, as text, so the rules can point at it.</summary>
    public static XlsxCell CellFor(Column column, Cell value)
    {
        if (value.IsEmpty) return XlsxCell.Empty;
        var info = column.Info();
        switch (info.Waarde)
        {
            case Waarde.Code when Columns.TryCode(info, value, out var code):
                return XlsxCell.Of(code, Stijl.Tekst);
            case Waarde.Datum when ValueReader.TryDate(value, out var date):
                return XlsxCell.Of(date);
            case Waarde.HeelGetal when ValueReader.TryWholeNumber(value, out var whole):
                return XlsxCell.Of(whole);
            case Waarde.Aantal when ValueReader.TryAmount(value, out var amount):
                return XlsxCell.Of((double)amount);
            case Waarde.Euro when ValueReader.TryAmount(value, out var euros):
                return XlsxCell.Of((double)euros, Stijl.Bedrag);
            case Waarde.Uitvoer when column == Column.Meldingen:
                return XlsxCell.Of(value.AsText(), Stijl.Omloop);
            default:
                return XlsxCell.Of(value.AsText(), TextColumns.Contains(column) ? Stijl.Tekst : Stijl.Standaard);
        }
    }

    private static IEnumerable<IReadOnlyList<XlsxCell>> ToelichtingRows(Catalogus catalogus)
    {
        var regio = catalogus.Regio;
        IReadOnlyList<XlsxCell> Line(string text, Stijl stijl = Stijl.Standaard) => [XlsxCell.Of(text, stijl)];
        // Each paragraph wraps within the sheet's four columns, one paragraph per line of the region's template.
        IEnumerable<IReadOnlyList<XlsxCell>> Alineas(string template) => regio.Tekst(template).Split('\n')
            .Select(p => p.Trim()).Where(p => p.Length > 0).Select(p => (IReadOnlyList<XlsxCell>)[XlsxCell.Alinea(p, 4)]);
        yield return Line($"Omzetting lopende toewijzingen wonen/verblijf, regio {regio.Regio}", Stijl.Titel);
        yield return [];
        foreach (var alinea in Alineas(regio.Teksten.ToelichtingInleiding)) yield return alinea;
        yield return [];
        foreach (var alinea in Alineas(regio.Teksten.ToelichtingUitgangspunt)) yield return alinea;
        yield return [];
        yield return Line("Wie vult wat in op het tabblad Toewijzingen", Stijl.Kop);
        yield return [XlsxCell.Of("Blauw", Stijl.KopBlauw), XlsxCell.Alinea("De gemeente: de lopende toewijzingen (één rij per toewijzing).", 3)];
        yield return [XlsxCell.Of("Geel", Stijl.KopGeel), XlsxCell.Alinea($"De aanbieder: per jeugdige de productcode {regio.Nieuw}, en alleen bij afwijking volume of einddatum {regio.Nieuw}.", 3)];
        yield return [XlsxCell.Empty, XlsxCell.Alinea($"Combineerde het product van {regio.Oud} wonen/verblijf met ambulante hulp? Kopieer dan de rij, zet Productcategorie {regio.Nieuw} op "
            + $"{regio.CategorieAmbulant}, laat Productcode {regio.Nieuw} leeg en vul Budget {regio.Nieuw} in (het budget wordt in overleg vastgesteld).", 3)];
        yield return [XlsxCell.Of("Grijs", Stijl.KopGrijs), XlsxCell.Alinea("Status en Meldingen: ingevuld door de invoegtoepassing MigratieAddin. Niet zelf invullen.", 3)];
        yield return [];
        yield return Line("Stappen en data", Stijl.Kop);
        yield return [XlsxCell.Of("Stap", Stijl.Kop), XlsxCell.Of("Wie", Stijl.Kop), XlsxCell.Of("Wat", Stijl.Kop), XlsxCell.Of("Uiterlijk", Stijl.Kop)];
        foreach (var stap in regio.Stappen)
            yield return [XlsxCell.Of(stap.Nummer), XlsxCell.Of(regio.Tekst(stap.Wie)), XlsxCell.Alinea(regio.Tekst(stap.Wat), 1), stap.Uiterlijk is { } d ? XlsxCell.Of(d) : XlsxCell.Empty];
    }

    private static IEnumerable<IReadOnlyList<XlsxCell>> Table(string[] headers, IEnumerable<IReadOnlyList<XlsxCell>> rows) =>
        rows.Prepend(headers.Select(h => XlsxCell.Of(h, Stijl.Kop)).ToArray());

    private static IReadOnlyList<XlsxCell> Texts(params string?[] values) => values.Select(v => XlsxCell.Of(v)).ToArray();
}
