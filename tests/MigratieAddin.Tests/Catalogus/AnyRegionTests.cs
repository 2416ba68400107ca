using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>The whole chain for a region that is not IJsselland: Beekdal migrates from 2026 to 2027.</summary>
public partial class AnyRegionTests
{
    [GeneratedRegex(@"\b(2022|2023)\b")]
    private static partial Regex IJssellandYear();

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void EveryShippedCatalogueLoadsWithItsOwnYears(string name)
    {
        var catalogus = Catalogi.Load(name);
        Assert.Equal(catalogus.Regio.Peildatum.Year, catalogus.Regio.JaarOud);
        Assert.Equal(catalogus.Regio.IngangsdatumNieuw.Year, catalogus.Regio.JaarNieuw);
        Assert.NotEmpty(catalogus.Gemeenten);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void TheFormatsHeadersAndTabsCarryTheRegionsYears(string name)
    {
        var catalogus = Catalogi.Load(name);
        using var stream = new MemoryStream();
        FormatWorkbook.Write(stream, [], catalogus, []);
        var xlsx = stream.ToArray();
        Assert.Equal(FormatWorkbook.Tabs(catalogus.Regio), Workbooks.SheetNames(xlsx));
        var headers = Workbooks.Sheet(xlsx, FormatWorkbook.Toewijzingen)[1].OrderBy(c => c.Key).Select(c => c.Value.Text).ToList();
        Assert.Contains($"Productcode {catalogus.Regio.JaarNieuw}", headers);
        Assert.Contains($"Productcode {catalogus.Regio.JaarOud}", headers);
        foreach (var header in headers)
            Assert.True(Columns.TryFromHeaderOrKey(header!, catalogus.Regio, out _), header);
    }

    private const string Export =
        "Gemeentecode;AGB-code aanbieder;Naam aanbieder;BSN jeugdige;Naam jeugdige;Geboortedatum;Toewijzingnummer;Productcategorie 2026;Productcode 2026;Ingangsdatum;Einddatum;Volume;Eenheid;Frequentie\n"
        + "0153;97000202;Oever Gezinshuizen;999925702;Sanne Hendriks;21-09-2010;260000111;44;44K01;01-03-2026;30-06-2028;7;14;2\n"
        + "0164;97000101;Kiezel Jeugdzorg;999976886;Thijs Visser;09-07-2009;260000141;43;43K02;01-05-2026;31-12-2027;7;14;2\n"
        + "0153;97000303;Wilg Wonen;999925702;Sanne Hendriks;21-09-2010;260000150;44;44X99;01-03-2026;30-06-2028;7;14;2\n";

    [Fact]
    public async Task FormatZipControleAndOmzetlijstOfA2026To2027RegionNeverSay2022Or2023()
    {
        using var api = new MigratieApi(("Catalogus:Map", Catalogi.Folder("beekdal")));
        var client = api.CreateClient();
        var texts = new List<(string Where, string Text)>();
        var csv = Encoding.UTF8.GetBytes(Export);
        const string contacts = """[{"voornaam":"Eva","achternaam":"Jansen","email":"eva@enschede.example","telefoon":"053-1234567","rol":"Contactpersoon migratie"}]""";

        var format = await client.PostAsync("/api/format", Bestand.Upload(csv, "text/csv", "export.csv", contacts));
        Assert.Equal(HttpStatusCode.OK, format.StatusCode);
        var formatXlsx = await format.Content.ReadAsByteArrayAsync();
        Collect("format", formatXlsx, texts);

        var zipResponse = await client.PostAsync("/api/format/per-aanbieder", Bestand.Upload(csv, "text/csv", "export.csv", contacts));
        Assert.Equal(HttpStatusCode.OK, zipResponse.StatusCode);
        var zipBytes = await zipResponse.Content.ReadAsByteArrayAsync();
        Collect("zip", zipBytes, texts);
        var overzicht = await client.PostAsync("/api/format/per-aanbieder?formaat=overzicht", Bestand.Upload(csv, "text/csv", "export.csv"));
        texts.Add(("verzendoverzicht", await overzicht.Content.ReadAsStringAsync()));

        using var zip = new ZipArchive(new MemoryStream(zipBytes));
        var sent = zip.Entries.First(e => e.FullName.EndsWith(".xlsx", StringComparison.Ordinal));
        using var sentCopy = new MemoryStream();
        using (var s = sent.Open()) s.CopyTo(sentCopy);

        var controle = await client.PostAsync("/api/controle", Bestand.Upload(sentCopy.ToArray(), FormatApi.XlsxType, "terug.xlsx"));
        Assert.Equal(HttpStatusCode.OK, controle.StatusCode);
        var report = await controle.Content.ReadAsStringAsync();
        Assert.Contains("Productcode 2027", JsonDocument.Parse(report).RootElement.ToString());
        texts.Add(("controle", report));
        var gecontroleerd = await client.PostAsync("/api/controle?formaat=xlsx", Bestand.Upload(sentCopy.ToArray(), FormatApi.XlsxType, "terug.xlsx"));
        Collect("gecontroleerd", await gecontroleerd.Content.ReadAsByteArrayAsync(), texts);

        foreach (var formaat in new[] { "xlsx", "csv" })
        {
            var omzetting = await client.PostAsync($"/api/omzetting?formaat={formaat}", Bestand.Upload(sentCopy.ToArray(), FormatApi.XlsxType, "terug.xlsx"));
            Assert.Equal(HttpStatusCode.OK, omzetting.StatusCode);
            Collect("omzetlijst." + formaat, await omzetting.Content.ReadAsByteArrayAsync(), texts);
        }

        var regels = await client.GetStringAsync("/api/regels");
        texts.Add(("regels", regels));
        texts.Add(("help", await client.GetStringAsync("/help")));

        Assert.Contains(texts, t => t.Text.Contains("2027", StringComparison.Ordinal));
        Assert.Empty(texts.Where(t => IJssellandYear().IsMatch(t.Text)).Select(t => $"{t.Where}: {IJssellandYear().Match(t.Text).Value} in …{Around(t.Text)}…"));
    }

    /// <summary>Every text inside a file: the entries of a zip (nested workbooks too), or the file itself.</summary>
    private static void Collect(string where, byte[] bytes, List<(string, string)> texts)
    {
        if (bytes.AsSpan().StartsWith("PK"u8))
        {
            using var zip = new ZipArchive(new MemoryStream(bytes));
            foreach (var entry in zip.Entries)
            {
                using var s = entry.Open();
                using var copy = new MemoryStream();
                s.CopyTo(copy);
                Collect($"{where}/{entry.FullName}", copy.ToArray(), texts);
                texts.Add(($"{where} (naam)", entry.FullName));
            }
        }
        else texts.Add((where, Encoding.UTF8.GetString(bytes)));
    }

    private static string Around(string text)
    {
        var m = IJssellandYear().Match(text);
        return text.Substring(Math.Max(0, m.Index - 60), Math.Min(text.Length - Math.Max(0, m.Index - 60), 120));
    }
}

/// <summary>A region words its own letter and Toelichting in regio.json; what it leaves out keeps the shipped wording.</summary>
public class RegioTekstenTests
{
    private static readonly Gemeente Enschede = new("0153", "Enschede");

    [Fact]
    public void ARegionsOwnClosingLineAndUitgangspuntReplaceTheShippedOnesWithItsDatesFilledIn()
    {
        var beekdal = Catalogi.Load("beekdal");
        var brief = Begeleidingsbrief.Tekst(Enschede, beekdal.Aanbieders[0], beekdal.Regio, [], 2);
        Assert.Contains("Dank u wel. Samen zorgen we dat elke jeugdige in Beekdal op 1 januari 2027 zonder onderbreking verder kan.", brief);
        Assert.DoesNotContain("Hartelijk dank voor uw medewerking.", brief);
        Assert.Contains(new RegioTeksten().BriefUitgangspunt, brief); // not overridden: the shipped paragraph
        Assert.Contains("uiterlijk 15 december 2026", brief);

        using var stream = new MemoryStream();
        FormatWorkbook.Write(stream, [], beekdal, []);
        var toelichting = Workbooks.Sheet(stream.ToArray(), FormatWorkbook.Toelichting).Values.SelectMany(r => r.Values).Select(c => c.Text).ToList();
        Assert.Contains("Uitgangspunt in Beekdal: de hulp loopt in 2027 door zoals in 2026. Wijkt u af, overleg dan eerst met de gemeente.", toelichting);
        Assert.Contains("Lopende toewijzingen 2026 in het format zetten", toelichting);
    }

    [Fact]
    public void WithoutTekstenTheShippedWordingStands()
    {
        var ijsselland = Catalogi.Load("ijsselland");
        Assert.Equal(new RegioTeksten(), ijsselland.Regio.Teksten);
        var brief = Begeleidingsbrief.Tekst(new Gemeente("0193", "Zwolle"), ijsselland.Aanbieders[0], ijsselland.Regio, [], 1);
        Assert.Contains("Hartelijk dank voor uw medewerking.", brief);
        Assert.Contains("toewijzing uit regio IJsselland die doorloopt na 31 december 2022.", brief);
    }
}
