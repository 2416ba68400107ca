using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>The server's culture never shows in what the API writes: the rules, the report, the format workbook, the
/// returned workbook with Status and Meldingen, and the conversion list are the same bytes under any culture.</summary>
public sealed partial class CultuurTests
{
    [System.Text.RegularExpressions.GeneratedRegex("\\bR[0-9a-f]{16}\\b")]
    private static partial System.Text.RegularExpressions.Regex RelationshipId();

    private static readonly string[] Cultures = ["nl-NL", "en-US", "de-DE", "fr-FR", "ar-SA"];

    private static T Under<T>(string culture, Func<T> make)
    {
        var (current, ui) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(culture);
            return make();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (current, ui);
        }
    }

    /// <summary>Rows that put numbers, decimals, dates and budgets through every reader and writer, with a few findings.</summary>
    private static RijBuilder[] Rows()
    {
        var ok = RijBuilder.Omzetting();
        return
        [
            ok,
            ok.Ambulant().With(Column.Budget2023, "2.500,50"),
            RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230000002).With(Column.Volume, 7.5).With(Column.Volume2023, "6,25"),
            RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230000003).With(Column.Ingangsdatum, 44621.75).With(Column.Einddatum, "31-12-2023"),
            RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230000004).With(Column.Einddatum2023, "1-7-2023").With(Column.Volume2023, "12"),
            RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230000001), // twice the same toewijzingnummer: a finding naming another row
            RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230000005).With(Column.Volume, "veel").With(Column.Geboortedatum, 2),
        ];
    }

    private static SortedDictionary<string, string> Entries(byte[] zip)
    {
        using var archive = new ZipArchive(new MemoryStream(zip));
        // The Open XML SDK names relationships at random (R and 16 hex digits): the same in every culture, different every time.
        return new(archive.Entries.ToDictionary(e => e.FullName, e => RelationshipId().Replace(new StreamReader(e.Open()).ReadToEnd(), "R-id")),
            StringComparer.Ordinal);
    }

    private sealed record Uitvoer(string Rapport, SortedDictionary<string, string> Format, SortedDictionary<string, string> Teruggestuurd,
        SortedDictionary<string, string> Omzetlijst, string OmzetlijstCsv);

    private static Uitvoer Everything(Zending zending)
    {
        var rows = zending.Rows;
        var validator = new Validator(Engine.EmbeddedCatalogus, Engine.TestSealer);
        var report = JsonSerializer.Serialize(validator.Validate(rows, Fase.Aanbieder, zending.Verzegeling), ApiJsonContext.Default.Beoordeling);
        var returned = zending.Returned();
        var workbook = ReturnedWorkbook.Read(returned, new WerkboekOptions(), Engine.EmbeddedCatalogus.Regio);
        var controle = validator.Validate(workbook.Rows, Fase.Controle, workbook.Verzegeling);
        var filled = StatusWriter.Fill(returned, workbook, controle);
        var lijst = Omzetlijst.Maak(validator.Judge(workbook.Rows, Fase.Controle, workbook.Verzegeling), Engine.EmbeddedCatalogus, Engine.TestSealer)!;
        return new Uitvoer(report, Entries(Workbooks.Format(rows)), Entries(filled), Entries(lijst.Xlsx()), lijst.Csv());
    }

    /// <summary>Part by part, naming the first difference (the zip's own timestamps say only when it was written).</summary>
    private static void Same(string culture, string what, SortedDictionary<string, string> expected, SortedDictionary<string, string> actual)
    {
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (part, text) in expected)
        {
            var other = actual[part];
            var at = Enumerable.Range(0, Math.Min(text.Length, other.Length)).FirstOrDefault(i => text[i] != other[i], Math.Min(text.Length, other.Length));
            Assert.True(text == other, $"{what}, {part} under {culture}: '{text[Math.Max(0, at - 60)..Math.Min(text.Length, at + 60)]}' "
                + $"became '{other[Math.Max(0, at - 60)..Math.Min(other.Length, at + 60)]}'");
        }
    }

    [Fact]
    public void EveryWriterGivesTheSameBytesUnderEveryCulture()
    {
        var zending = Zending.Of(Rows());
        var reference = Under("nl-NL", () => Everything(zending));
        Assert.Contains("\"fout\"", reference.Rapport);
        foreach (var culture in Cultures.Skip(1))
        {
            var other = Under(culture, () => Everything(zending));
            Assert.Equal(reference.Rapport, other.Rapport);
            Same(culture, "format", reference.Format, other.Format);
            Same(culture, "teruggestuurd werkboek", reference.Teruggestuurd, other.Teruggestuurd);
            Same(culture, "omzetlijst", reference.Omzetlijst, other.Omzetlijst);
            Assert.Equal(reference.OmzetlijstCsv, other.OmzetlijstCsv);
        }
    }

    [Fact]
    public void TheRulesReadDecimalsTheSameUnderEveryCulture()
    {
        var row = RijBuilder.Omzetting().With(Column.Volume2023, "6,5");
        var reference = Under("nl-NL", () => JsonSerializer.Serialize(Engine.Judge(row), ApiJsonContext.Default.RijUitslag));
        foreach (var culture in Cultures.Skip(1))
            Assert.Equal(reference, Under(culture, () => JsonSerializer.Serialize(Engine.Judge(row), ApiJsonContext.Default.RijUitslag)));
    }
}
