using System.Net;
using System.Text.RegularExpressions;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public partial class PaneContractTests
{
    [GeneratedRegex("""\{ key: '(?<key>[^']+)', header: '(?<header>[^']+)', colour: '(?<colour>[^']+)' \}""")]
    private static partial Regex ColumnLine();

    [Fact]
    public void ThePaneKnowsTheSameColumnsAsTheApiInTheSameOrder()
    {
        var source = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "addin", "format.ts"));
        var pane = ColumnLine().Matches(source).Select(m => (m.Groups["key"].Value, m.Groups["header"].Value, m.Groups["colour"].Value)).ToList();
        var colours = new Dictionary<Colour, string> { [Colour.Blue] = "blauw", [Colour.Yellow] = "geel", [Colour.Grey] = "grijs", [Colour.Hidden] = "verborgen" };
        Assert.Equal(Columns.All.Select(c => (c.Key, c.Header, colours[c.Colour])), pane);
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
