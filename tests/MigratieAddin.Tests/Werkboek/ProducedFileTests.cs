using System.IO.Compression;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MigratieAddin.Api;
using MimeKit;

namespace MigratieAddin.Tests;

/// <summary>What people read in the produced files, read back by openpyxl or from the zip as it is sent: header rows tall
/// enough for their wrapped headers, Dutch headers on the omzetlijst, one table in verzendoverzicht.csv, no placeholder
/// contacts, and a letter that reads as a Dutch letter to "u".</summary>
public sealed partial class ProducedFileTests
{
    [GeneratedRegex(@"\b(je|jij|jou|jouw|jullie)\b", RegexOptions.IgnoreCase)]
    private static partial Regex InformalPronoun();

    private static readonly Catalogus Catalogus = Engine.EmbeddedCatalogus;

    /// <summary>The per-aanbieder zip for these rows, as the gemeente downloads it, without contacts of its own.</summary>
    private static Dictionary<string, byte[]> PerAanbiederZip(params RijBuilder[] rows)
    {
        var built = rows.Select((r, i) => r.Build(i + 2)).ToList();
        var plan = PerAanbieder.Plan(built, Catalogus, new Validator(Catalogus, Engine.TestSealer));
        using var zip = new MemoryStream();
        PerAanbieder.WriteZip(zip, plan, Catalogus, [], Engine.TestSealer);
        using var archive = new ZipArchive(new MemoryStream(zip.ToArray()));
        return archive.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var content = new MemoryStream();
            using (var from = e.Open()) from.CopyTo(content);
            return content.ToArray();
        });
    }

    private static string Letter(Dictionary<string, byte[]> zip) =>
        MimeMessage.Load(new MemoryStream(zip.Single(e => e.Key.EndsWith(".eml", StringComparison.Ordinal)).Value)).TextBody!;

    [Fact]
    public void TheToewijzingenHeaderRowIsTallEnoughForItsWrappedHeadersAndEveryHeaderWordFitsItsColumn()
    {
        var book = ExternalReaders.Openpyxl(Workbooks.Format([RijBuilder.Omzetting().Build()]));
        var height = book.GetProperty("headerHeight").GetProperty(FormatWorkbook.Toewijzingen);
        Assert.Equal(JsonValueKind.Number, height.ValueKind);
        var widths = book.GetProperty("widths").GetProperty(FormatWorkbook.Toewijzingen);
        var headers = book.GetProperty("data").GetProperty(FormatWorkbook.Toewijzingen)[0].EnumerateArray().Select(h => h.GetString()!).ToList();
        var needed = 1;
        for (var c = 0; c < headers.Count; c++)
        {
            var width = widths.GetProperty(XlsxWriter.ColumnName(c)).GetDouble();
            // A bold 11-point header holds at most 'width' characters per line: no header word may be broken over two lines.
            Assert.True(headers[c].Split(' ').Max(w => w.Length) <= width, $"'{headers[c]}' past niet in kolom {XlsxWriter.ColumnName(c)} ({width})");
            needed = Math.Max(needed, XlsxWriter.WrappedLines(headers[c], (int)width));
        }
        Assert.True(needed > 1, "geen enkele kop loopt over twee regels: de test toetst dan niets");
        Assert.True(height.GetDouble() >= needed * 15, $"rij 1 is {height.GetDouble()} punten hoog, de koppen vragen {needed} regels");
        Assert.Equal(JsonValueKind.Null, book.GetProperty("headerHeight").GetProperty(FormatWorkbook.Toelichting).ValueKind); // no header row there
    }

    [Theory]
    [InlineData("ijsselland")]
    [InlineData("beekdal")]
    public void TheToelichtingReadsAsShortParagraphsEachWrappedWithinTheSheetAndTallEnough(string regio)
    {
        var catalogus = Catalogi.Load(regio);
        using var stream = new MemoryStream();
        FormatWorkbook.Write(stream, [], catalogus, []);
        var book = ExternalReaders.Openpyxl(stream.ToArray());
        var rows = book.GetProperty("data").GetProperty(FormatWorkbook.Toelichting).EnumerateArray().Select(r => r.EnumerateArray().ToList()).ToList();
        var widths = book.GetProperty("widths").GetProperty(FormatWorkbook.Toelichting);
        var merged = book.GetProperty("merged").GetProperty(FormatWorkbook.Toelichting).EnumerateArray().Select(m => m.GetString()!).ToHashSet();
        var wrapped = book.GetProperty("wrapped").GetProperty(FormatWorkbook.Toelichting).EnumerateArray().Select(m => m.GetString()!).ToHashSet();
        var heights = book.GetProperty("heights").GetProperty(FormatWorkbook.Toelichting);
        var paragraphs = 0;
        for (var r = 1; r < rows.Count; r++) // row 1 is the title
            for (var c = 0; c < rows[r].Count; c++)
            {
                if (rows[r][c].ValueKind != JsonValueKind.String || rows[r][c].GetString() is not { Length: > 50 } text) continue;
                // A text longer than a label or heading is a paragraph: no more than three sentences, wrapped in its cell, over merged columns
                // as wide as the text needs, and its row tall enough for the lines it wraps into.
                paragraphs++;
                var cell = XlsxWriter.Reference(c, r + 1);
                Assert.True(text.Count(ch => ch == '.') <= 3, $"{cell} is geen korte alinea: {text}");
                Assert.Contains(cell, wrapped);
                var range = merged.SingleOrDefault(m => m.StartsWith(cell + ":", StringComparison.Ordinal));
                var last = range is null ? c : range.Split(':')[1][0] - 'A'; // the Toelichting's columns are A to D
                var width = Enumerable.Range(c, last - c + 1).Sum(k => widths.GetProperty(XlsxWriter.ColumnName(k)).GetDouble());
                var lines = XlsxWriter.WrappedLines(text, (int)(width * 0.85));
                var height = heights.TryGetProperty((r + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), out var h) ? h.GetDouble() : 15;
                Assert.True(height >= lines * 15, $"rij {r + 1} is {height} punten hoog, de alinea in {cell} vraagt {lines} regels");
            }
        Assert.True(paragraphs >= 4, "de Toelichting heeft geen alinea's: de test toetst dan niets");
    }

    [Fact]
    public void TheOmzetlijstWorkbookHasDutchHeadersAndTheCsvKeepsTheKeys()
    {
        var zending = Zending.Of(RijBuilder.Omzetting());
        var returned = zending.Returned();
        var workbook = ReturnedWorkbook.Read(returned, new WerkboekOptions(), Catalogus.Regio);
        var lijst = Omzetlijst.Maak(new Validator(Catalogus, Engine.TestSealer).Judge(workbook.Rows, Fase.Controle, workbook.Verzegeling), Catalogus, Engine.TestSealer)!;
        var book = ExternalReaders.Openpyxl(lijst.Xlsx());
        var omzetting = book.GetProperty("data").GetProperty("Omzetting")[0].EnumerateArray().Select(h => h.GetString()).ToList();
        Assert.Equal(["Gemeentecode", "AGB-code aanbieder", "BSN jeugdige", "Toewijzingnummer", "Soort regel", "Productcategorie", "Productcode",
            "Ingangsdatum", "Einddatum", "Volume", "Eenheid", "Frequentie", "Budget (eurocent)", "Reden wijziging", "Rij"], omzetting);
        Assert.Equal(["Rij", "Toewijzingnummer", "Regelcode", "Reden"], book.GetProperty("data").GetProperty("Niet omgezet")[0].EnumerateArray().Select(h => h.GetString()));
        Assert.Equal(string.Join(';', Omzetlijst.Kolommen), lijst.Csv().Split('\n')[0].TrimEnd('\r'));
        Assert.StartsWith("gemeentecode;aanbiederAgb;bsn;", lijst.Csv());
    }

    [Fact]
    public void TheVerzendoverzichtIsOneTableWithTheRuleCodeInItsOwnColumn()
    {
        var zip = PerAanbiederZip(RijBuilder.Omzetting(),
            RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230000002).With(Column.Productcode2022, "99999").With(Column.Bsn, "123456789"));
        var lines = Encoding.UTF8.GetString(zip[PerAanbieder.Overzicht]).TrimStart('\uFEFF').Split('\n')
            .SkipLast(1).Select(l => l.TrimEnd('\r').Split(';')).ToList();
        Assert.Equal(PerAanbieder.OverzichtKolommen, lines[0]);
        Assert.All(lines, l => Assert.Equal(PerAanbieder.OverzichtKolommen.Length, l.Length)); // no blank line, no second header
        Assert.Single(lines, l => l[0] == "ja");
        var niet = lines.Where(l => l[0] == "nee").ToList();
        Assert.Equal(["PRODUCT2022_ONBEKEND", "BSN_ONGELDIG"], niet.Select(l => l[11]).Order().Reverse());
        Assert.All(niet, l => Assert.Equal(("3", "230000002", "Zwolle"), (l[9], l[10], l[2])));
        Assert.All(niet, l => Assert.Matches(@"^[A-Z].*\.$", l[12])); // a Dutch sentence, without the code in front
        Assert.DoesNotContain(niet, l => l[12].Contains("_ONBEKEND", StringComparison.Ordinal) || l[12].Contains("_ONGELDIG", StringComparison.Ordinal));
    }

    [Fact]
    public void ContactpersonenHasNoPlaceholderRows()
    {
        var zonder = ExternalReaders.Openpyxl(Workbooks.Format([RijBuilder.Omzetting().Build()]));
        Assert.Equal([["Organisatie", "Voornaam", "Achternaam", "E-mail", "Telefoon", "Rol"]],
            zonder.GetProperty("data").GetProperty(FormatWorkbook.Contactpersonen).EnumerateArray().Select(r => r.EnumerateArray().Select(v => v.GetString()).ToList()));
        var met = ExternalReaders.Openpyxl(Workbooks.Format([RijBuilder.Omzetting().Build()], [new("Anna", "de Vries", "a@zwolle.example", "038-1", "Contractmanager")]));
        var rows = met.GetProperty("data").GetProperty(FormatWorkbook.Contactpersonen).EnumerateArray().ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal("Gemeente Zwolle", rows[1][0].GetString());
    }

    [Fact]
    public void TheLetterIsADutchLetterToUWithNumberedSentencesAndItsOwnGemeentesSignature()
    {
        var brief = Letter(PerAanbiederZip(RijBuilder.Omzetting()));
        var lines = brief.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal("Geachte heer, mevrouw,", lines[0]);
        Assert.DoesNotMatch(InformalPronoun(), brief);
        Assert.Contains(" u ", brief);
        Assert.Contains("In de bijlage vindt u de lopende toewijzing van gemeente Zwolle bij Bètahuis Gezinshuizen.", brief); // one row: singular
        var steps = lines.Where(l => Regex.IsMatch(l, @"^\d\. ")).ToList();
        Assert.Equal(["1", "2"], steps.Select(s => s[..1]));
        Assert.All(steps, s => Assert.Matches(@"^\d\. [A-Z].*\.$", s));
        Assert.All(lines.Where(l => l.Length > 0 && !l.StartsWith("- ", StringComparison.Ordinal)).SkipLast(1), l => Assert.Matches(@"[.,:?]$", l));
        Assert.DoesNotContain("  ", brief);
        Assert.Equal(["Met vriendelijke groet,", "", "Gemeente Zwolle"], lines.SkipWhile(l => l != "Met vriendelijke groet,").Take(3));
    }

    [Fact]
    public void TheLetterAsksForAmbulantRowsOnlyWhenARowHasACombinationProduct()
    {
        const string ambulant = "wonen/verblijf combineert met ambulante hulp";
        Assert.DoesNotContain(ambulant, Letter(PerAanbiederZip(RijBuilder.Omzetting())));
        var combinatie = Letter(PerAanbiederZip(RijBuilder.Omzetting().With(Column.Productcode2022, "44303")));
        Assert.Contains("3. Een of meer jeugdigen hebben een product van 2022 dat " + ambulant, combinatie);
        Assert.Contains("2 lopende toewijzingen", Letter(PerAanbiederZip(RijBuilder.Omzetting(), RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230000002)
            .With(Column.Bsn, TestBsn.Make(5)))));
    }
}
