using System.Net;
using System.Text.RegularExpressions;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public partial class PaneContractTests
{
    [GeneratedRegex("""\{ key: '(?<key>[^']+)', header: '(?<header>[^']+)', colour: '(?<colour>[^']+)' \}""")]
    private static partial Regex ColumnLine();

    private static readonly Dictionary<Colour, string> Kleurnamen = new() { [Colour.Blue] = "blauw", [Colour.Yellow] = "geel", [Colour.Grey] = "grijs", [Colour.Hidden] = "verborgen" };

    [Fact]
    public void ThePaneKnowsTheSameColumnsAsTheApiInTheSameOrder()
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "addin", "format.ts"));
        var pane = ColumnLine().Matches(source).Select(m => (m.Groups["key"].Value, m.Groups["header"].Value, m.Groups["colour"].Value)).ToList();
        Assert.Equal(Columns.All.Select(c => (c.Key, c.Header, Kleurnamen[c.Colour])), pane);
    }

    [GeneratedRegex("""(?<status>fout|overleg|onvolledig|ok): \{ fill: '#(?<fill>[0-9A-F]{6})', font: '#(?<font>[0-9A-F]{6})' \}""")]
    private static partial Regex StatusStyleLine();

    [Fact]
    public void ThePaneColoursEachStatusAsTheApiDoesInItsWorkbooks()
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "addin", "format.ts"));
        var pane = StatusStyleLine().Matches(source).Select(m => (m.Groups["status"].Value, m.Groups["font"].Value, m.Groups["fill"].Value)).ToList();
        Assert.Equal(XlsxWriter.Statuskleuren, pane);
    }

    private static string PaneSource(string file) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "addin", file));

    /// <summary>The members of a TypeScript union type such as <c>export type Status = 'ok' | 'fout';</c>.</summary>
    private static List<string> UnionType(string source, string name)
    {
        var line = Regex.Match(source, $@"export type {name} = (?<members>[^;]+);");
        Assert.True(line.Success, $"format.ts declares the type {name}");
        return Regex.Matches(line.Groups["members"].Value, "'(?<m>[^']+)'").Select(m => m.Groups["m"].Value).ToList();
    }

    /// <summary>A string constant such as <c>export const FORMAT_SHEET = 'Toewijzingen';</c>.</summary>
    private static string StringConstant(string source, string name)
    {
        var line = Regex.Match(source, $@"export const {name} = '(?<value>[^']*)';");
        Assert.True(line.Success, $"the pane declares the constant {name}");
        return line.Groups["value"].Value;
    }

    /// <summary>The names the API's JSON gives an enum's members (its JsonStringEnumMemberName attributes).</summary>
    private static List<string> JsonNames<T>() where T : struct, Enum =>
        typeof(T).GetFields(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static)
            .Select(f => Assert.Single(f.GetCustomAttributes(typeof(System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute), false)
                .Cast<System.Text.Json.Serialization.JsonStringEnumMemberNameAttribute>()).Name).ToList();

    [Fact]
    public void ThePaneNamesTheStatusesErnstenAndFasenAsTheApiSendsThem()
    {
        var source = PaneSource("format.ts");
        Assert.Equal(JsonNames<Status>().Order(), UnionType(source, "Status").Order());
        Assert.Equal(JsonNames<Ernst>().Order(), UnionType(source, "Ernst").Order());
        Assert.Equal(JsonNames<Fase>().Order(), UnionType(source, "Fase").Order());
        var statuses = Regex.Match(source, @"export const STATUSES: readonly Status\[\] = \[(?<list>[^\]]+)\];");
        Assert.True(statuses.Success);
        Assert.Equal(JsonNames<Status>().Order(), Regex.Matches(statuses.Groups["list"].Value, "'(?<m>[^']+)'").Select(m => m.Groups["m"].Value).Order());
    }

    [Fact]
    public void ThePaneNamesEveryColumnColourTheApiHas()
    {
        Assert.Equal(Enum.GetValues<Colour>().Select(c => Kleurnamen[c]), UnionType(PaneSource("format.ts"), "Colour"));
    }

    [Fact]
    public void ThePaneLabelsTheStatusesAsTheProgressWorkbookDoes()
    {
        var source = PaneSource("format.ts");
        var labels = Regex.Matches(Regex.Match(source, @"export const STATUS_LABEL[^=]*= \{(?<body>[^}]+)\}").Groups["body"].Value,
            @"(?<key>\w+): '(?<label>[^']+)'").ToDictionary(m => m.Groups["key"].Value, m => m.Groups["label"].Value);
        var workbook = VoortgangTabel.Statussen.Select(s => labels[s.ToLowerInvariant()]).ToList();
        Assert.Equal(VoortgangTabel.Statussen, workbook);
    }

    [Fact]
    public void ThePaneLooksForTheSheetsTheApiWrites()
    {
        var source = PaneSource("officeSheet.ts");
        var format = Workbooks.Format([]);
        Assert.Equal(FormatWorkbook.Toewijzingen, StringConstant(source, "FORMAT_SHEET"));
        Assert.Contains(StringConstant(source, "FORMAT_SHEET"), Workbooks.SheetNames(format));
        Assert.Equal(Seal.Sheet, StringConstant(source, "SEAL_SHEET"));
        var sent = Zending.Of(RijBuilder.Omzetting()).Returned();
        Assert.Contains(StringConstant(source, "SEAL_SHEET"), Workbooks.SheetNames(sent));
        var voortgang = new VoortgangTabel(["Gemeente en aanbieder", .. VoortgangTabel.Statussen], [["0193 – Bètahuis", 1, 0, 0, 0]]).Xlsx();
        Assert.Equal([StringConstant(source, "OVERVIEW_SHEET")], Workbooks.SheetNames(voortgang));
    }

    [Fact]
    public void ThePaneJoinsARowsMessagesAsTheCheckedWorkbookDoes()
    {
        var separator = StringConstant(PaneSource("format.ts"), "MELDINGEN_SCHEIDING");
        var zending = Zending.Of(RijBuilder.Omzetting().With(Column.Bsn, "999999999").With(Column.AanbiederAgb, "1234"));
        var returned = zending.Returned();
        var workbook = ReturnedWorkbook.Read(returned, new WerkboekOptions(), Engine.EmbeddedCatalogus.Regio);
        var report = new Validator(Engine.EmbeddedCatalogus, Engine.TestSealer).Validate(workbook.Rows, Fase.Controle, workbook.Verzegeling);
        var meldingen = report.Rijen.Single().Meldingen;
        Assert.True(meldingen.Count >= 2, "the row has several messages");
        var filled = Workbooks.Sheet(StatusWriter.Fill(returned, workbook, report), FormatWorkbook.Toewijzingen);
        Assert.Equal(string.Join(separator, meldingen.Select(m => m.Tekst)), filled[2][Column.Meldingen.Position()].Text);
    }

    [Fact]
    public async Task TheRootAddressLeadsToTheTaskPane()
    {
        using var api = new MigratieApi();
        var client = api.CreateClient(new() { AllowAutoRedirect = false });
        var response = await client.GetAsync("/");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/taskpane.html", response.Headers.Location?.ToString());
    }
}
