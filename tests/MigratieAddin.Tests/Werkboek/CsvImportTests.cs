using System.Net;
using System.Text;
using System.Text.Json;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>CSV in (RFC 4180 as Excel writes it, for uploads and the catalogue) and CSV out (never a formula).</summary>
public class CsvImportTests
{
    private static async Task<(HttpStatusCode Status, byte[] Body, string? Detail)> PostCsv(string csv)
    {
        using var api = new MigratieApi();
        var response = await api.CreateClient().PostAsync("/api/format", Bestand.Upload(Encoding.UTF8.GetBytes(csv), "text/csv", "lopende-toewijzingen.csv"));
        var body = await response.Content.ReadAsByteArrayAsync();
        var detail = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString() : null;
        return (response.StatusCode, body, detail);
    }

    [Theory]
    [InlineData("\n")]
    [InlineData("\r\n")]
    public async Task AQuotedLineBreakStaysInOneToewijzing(string eol)
    {
        var csv = $"Gemeentecode;BSN jeugdige;Naam jeugdige{eol}0193;999925702;\"De Vries,{eol}Jan \"\"JJ\"\"\"{eol}0150;999971669;Piet{eol}";
        var (status, body, _) = await PostCsv(csv);
        Assert.Equal(HttpStatusCode.OK, status);
        var sheet = Workbooks.Sheet(body, FormatWorkbook.Toewijzingen);
        Assert.Equal(3, sheet.Count);
        Assert.Equal("De Vries,\nJan \"JJ\"", sheet[2][Column.Naam.Position()].Text); // a cell holds a line break as LF, as Excel does
        Assert.Equal("0150", sheet[3][Column.Gemeentecode.Position()].Text);
    }

    [Fact]
    public void RecordsCarryThePhysicalLineTheyStartOn()
    {
        const string csv = "\uFEFFa;b\r\n1;\"twee\r\nregels\"\r\n\r\n2;\"drie\nlosse\rregels\"\n3;x";
        var records = SemicolonCsv.Read(new StringReader(csv)).ToList();
        Assert.Equal([1, 2, 5, 8], records.Select(r => r.Line));
        Assert.Equal(["a", "b"], records[0].Fields);
        Assert.Equal(["2", "drie\nlosse\nregels"], records[2].Fields);
    }

    [Theory]
    [InlineData("0150;999971669;\"Piet\n", "regel 4")]
    [InlineData("0150;999971669;\"Piet\"s;x\n", "regel 4")]
    [InlineData("0150;999971669;\"Piet\n\n\n", "regel 4")]
    [InlineData("0150;\"999971669\nPiet\"x\n", "regel 5")]
    public async Task AStrayQuoteIsADutchProblemNamingThePhysicalLine(string lastLines, string line)
    {
        var csv = "Gemeentecode;BSN jeugdige;Naam jeugdige\n0193;999925702;\"De Vries\nJan\"\n" + lastLines;
        var (status, _, detail) = await PostCsv(csv);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(line, detail);
        Assert.Contains("aanhalingsteken", detail);
        Assert.DoesNotContain("Piet", detail);
        Assert.DoesNotContain("999971669", detail);
    }

    [Fact]
    public void AQuoteInsideAnUnquotedFieldStaysText()
    {
        var records = SemicolonCsv.Read(new StringReader("a;b\n=HYPERLINK(\"x\");5\" scherm\n")).ToList();
        Assert.Equal(["=HYPERLINK(\"x\")", "5\" scherm"], records[1].Fields);
    }

    [Fact]
    public void TheCatalogusReadsQuotedLineBreaksAndNamesThePhysicalLine()
    {
        using var folder = new CatalogusFolder();
        folder.Replace("producten-oud.csv", "43;43301;Verblijf behandelgroep;", "43;43301;\"Verblijf\nbehandelgroep\";");
        folder.Replace("producten-oud.csv", "43;43302;Verblijf behandelgroep intensief;verblijf;hoog;14;nee", "43;43302;Verblijf behandelgroep intensief;verblijf;hoog;14;soms");
        var e = Assert.Throws<InvalidCatalogusException>(() => CatalogusLoader.LoadFromFolder(folder.Path));
        Assert.Equal(["producten-oud.csv, regel 4: 'combinatie_ambulant' moet ja of nee zijn, niet 'soms'"], e.Errors.Where(f => f.StartsWith("producten-oud.csv")));
    }

    [Fact]
    public void AStrayQuoteInTheCatalogusNamesTheFileAndLine()
    {
        using var folder = new CatalogusFolder();
        folder.Replace("gemeenten.csv", "0150;Deventer", "0150;\"Deventer");
        var e = Assert.Throws<InvalidCatalogusException>(() => CatalogusLoader.LoadFromFolder(folder.Path));
        Assert.Contains(e.Errors, error => error.StartsWith("gemeenten.csv, regel 3: ", StringComparison.Ordinal) && error.Contains("aanhalingsteken"));
    }

    [Theory]
    [InlineData("\t=1+1", "'\t=1+1")]
    [InlineData("\r=1+1", "\"'\r=1+1\"")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("+31 38", "'+31 38")]
    public void CsvOutputNeutralisesEveryStartASpreadsheetWouldRun(string value, string expected) =>
        Assert.Equal(expected, CsvText.Field(value));
}
