using System.Globalization;
using System.IO.Compression;
using System.Text.Json;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>The server's culture never shows in what the API writes: the rules, the report, the format workbook, the
/// per-aanbieder zip (workbooks, letters, verzendoverzicht), the returned workbook with Status and Meldingen, the conversion
/// list and the Dutch messages are the same bytes under any culture.</summary>
public sealed partial class CultuurTests
{
    [System.Text.RegularExpressions.GeneratedRegex("\\bR[0-9a-f]{16}\\b")]
    private static partial System.Text.RegularExpressions.Regex RelationshipId();

    /// <summary>MACs in a seal and Regel-IDs depend on the random workbook id sending gives: the same length in every culture.</summary>
    [System.Text.RegularExpressions.GeneratedRegex("[A-Za-z0-9_-]{8,}")]
    private static partial System.Text.RegularExpressions.Regex RandomToken();

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

    /// <summary>Rows that put numbers, decimals, dates and budgets through every reader and writer, with a few meldingen.</summary>
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
            RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230000001), // twice the same toewijzingnummer: a melding naming another row
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

    /// <summary>Each entry of the per-aanbieder zip as text: the workbooks part by part (the random workbook ids and the MACs
    /// made with them masked), each mail draft as its subject, its letter and its attachment's parts (MimeKit's own message id,
    /// date and boundaries say only when and where it was written), and the verzendoverzicht as it is.</summary>
    private static SortedDictionary<string, string> PerAanbiederZip(IReadOnlyList<Row> rows)
    {
        var catalogus = Engine.EmbeddedCatalogus;
        var plan = PerAanbieder.Plan(rows, catalogus, new Validator(catalogus, Engine.TestSealer));
        using var zip = new MemoryStream();
        var ids = PerAanbieder.WriteZip(zip, plan, catalogus, [new Contactpersoon("Jan", "de Vries", "jan@zwolle.nl", "038 498 2000", "Inkoop")], Engine.TestSealer);
        string Masked(string text) => RandomToken().Replace(ids.Aggregate(text, (t, id) => t.Replace(id.WerkboekId, "ID", StringComparison.Ordinal)), m => new string('x', m.Length));
        var result = new SortedDictionary<string, string>(StringComparer.Ordinal);
        using var archive = new ZipArchive(new MemoryStream(zip.ToArray()));
        foreach (var entry in archive.Entries)
        {
            using var content = new MemoryStream();
            using (var from = entry.Open()) from.CopyTo(content);
            var bytes = content.ToArray();
            if (entry.FullName.EndsWith(".xlsx", StringComparison.Ordinal))
                foreach (var (part, text) in Entries(bytes)) result[$"{entry.FullName}!{part}"] = Masked(text);
            else if (entry.FullName.EndsWith(".eml", StringComparison.Ordinal))
            {
                var message = MimeKit.MimeMessage.Load(new MemoryStream(bytes));
                result[entry.FullName + "!onderwerp"] = message.Subject ?? "";
                result[entry.FullName + "!brief"] = message.TextBody ?? "";
                var attachment = (MimeKit.MimePart)message.Attachments.Single();
                using var xlsx = new MemoryStream();
                attachment.Content!.DecodeTo(xlsx);
                foreach (var (part, text) in Entries(xlsx.ToArray())) result[$"{entry.FullName}!bijlage!{part}"] = Masked(text);
            }
            else result[entry.FullName] = System.Text.Encoding.UTF8.GetString(bytes);
        }
        return result;
    }

    [Fact]
    public void ThePerAanbiederZipIsTheSameUnderEveryCulture()
    {
        var rows = Rows().Select((r, i) => r.Build(i + 2)).ToList();
        var reference = Under("nl-NL", () => PerAanbiederZip(rows));
        Assert.Contains(reference.Keys, k => k.EndsWith(".eml!brief", StringComparison.Ordinal));
        Assert.Contains(PerAanbieder.Overzicht, reference.Keys);
        foreach (var culture in Cultures.Skip(1))
            Same(culture, "per-aanbieder zip", reference, Under(culture, () => PerAanbiederZip(rows)));
    }

    /// <summary>The Dutch texts with numbers and dates in them: limits with thousands dots, the volume tolerance as a
    /// percentage with the expected volume, dates in rule messages and the letter, the settings' ranges.</summary>
    private static string[] Messages()
    {
        var tolerantie = Engine.Judge(RijBuilder.Omzetting().With(Column.Frequentie, 6).With(Column.Volume, 50_000).With(Column.Volume2023, 100));
        return
        [
            .. tolerantie.Meldingen.Select(m => m.Tekst),
            .. Engine.Judge(RijBuilder.Omzetting().With(Column.Einddatum, "30-11-2022")).Meldingen.Select(m => m.Tekst),
            WorkbookException.TooManyRows(FormatWorkbook.Toewijzingen, 50_000).Message,
            WorkbookException.TooManyCells(FormatWorkbook.Toewijzingen, 1_250_000).Message,
            WorkbookException.CellTooLong(FormatWorkbook.Toewijzingen, "B7").Message,
            RequestException.TooLarge(64L * 1024 * 1024).Message,
            Instellingen.Tekst(4096 * Instellingen.MB, bytes: true),
            Instellingen.Tekst(1_000_000, bytes: false),
            Dutch.Procent(0.075m),
            Dutch.Getal(0.001),
            Dutch.Date(new DateOnly(2027, 1, 1)),
            Begeleidingsbrief.Tekst(Engine.EmbeddedCatalogus.Gemeenten[0], Engine.EmbeddedCatalogus.Aanbieders[0], Engine.EmbeddedCatalogus.Regio, [], 1234),
        ];
    }

    [Fact]
    public void TheMessagesWithNumbersAndDatesAreTheSameUnderEveryCulture()
    {
        var reference = Under("nl-NL", Messages);
        var tolerantie = Assert.Single(reference, m => m.Contains("verwachte volume", StringComparison.Ordinal));
        Assert.Matches(@"meer dan \d+(,\d+)?% af van het verwachte volume voor de rest van de looptijd \(\d{1,3}(\.\d{3})+\)", tolerantie);
        Assert.Contains("50.000", reference[2]);
        Assert.Equal("7,5%", reference[^4]);
        Assert.Equal("0,001", reference[^3]);
        foreach (var culture in Cultures.Skip(1))
            Assert.Equal(reference, Under(culture, Messages));
    }
}
