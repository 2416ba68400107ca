using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Spreadsheet;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>Workbooks made to mislead or exhaust the reader: each is a Dutch 4xx naming what to fix, never a 500.</summary>
public class HostileWorkbookTests
{
    private static readonly byte[] Demo = Workbooks.Format(DemoExport.Rows());

    private static async Task<(HttpStatusCode Status, string Body)> Upload(string url, byte[] bytes, params (string, string)[] settings)
    {
        using var api = new MigratieApi(settings);
        var response = await api.CreateClient().PostAsync(url, Bestand.Upload(bytes, FormatApi.XlsxType, "terug.xlsx"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Detail(string body) => JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;

    [Theory]
    [InlineData("/api/controle")]
    [InlineData("/api/controle?formaat=xlsx")]
    [InlineData("/api/omzetting")]
    public async Task AVeryHiddenToewijzingenBeforeTheVisibleOneIsARequestError(string url)
    {
        var xlsx = Packages.WithCopyOfToewijzingen(Demo, " toewijzingen", SheetStateValues.VeryHidden, first: true);
        var (status, body) = await Upload(url, xlsx);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("meer dan één tabblad", Detail(body));
    }

    [Fact]
    public async Task TwoVisibleSheetsThatMatchToewijzingenAreARequestError()
    {
        var xlsx = Packages.WithCopyOfToewijzingen(Demo, "TOEWIJZINGEN ", SheetStateValues.Visible, first: false);
        var (status, body) = await Upload("/api/controle", xlsx);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("meer dan één tabblad dat 'Toewijzingen' heet", Detail(body));
    }

    [Theory]
    [InlineData("hidden")]
    [InlineData("veryHidden")]
    public async Task AHiddenToewijzingenIsARequestError(string state)
    {
        var xlsx = Packages.WithToewijzingenState(Demo, new SheetStateValues(state));
        var (status, body) = await Upload("/api/controle", xlsx);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("is verborgen", Detail(body));
    }

    [Fact]
    public async Task AVisibleToewijzingenIsStillRead()
    {
        var xlsx = Packages.WithCopyOfToewijzingen(Demo, "Toewijzingen oud", SheetStateValues.Hidden, first: true);
        var (status, _) = await Upload("/api/controle", xlsx);
        Assert.Equal(HttpStatusCode.OK, status);
    }

    [Theory]
    [InlineData("/api/controle", "grafiekblad")]
    [InlineData("/api/controle?formaat=xlsx", "grafiekblad")]
    [InlineData("/api/omzetting", "grafiekblad")]
    [InlineData("/api/controle", "opmaak")]
    [InlineData("/api/omzetting", "opmaak")]
    public async Task ToewijzingenPointingAtAPartThatIsNotAWorksheetIsA400(string url, string target)
    {
        var xlsx = Packages.WithToewijzingenPointingAt(Demo, w => target == "opmaak" ? w.WorkbookStylesPart! : Packages.AddChartsheet(w));
        var (status, body) = await Upload(url, xlsx);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("geen werkblad met cellen", Detail(body));
    }

    [Theory]
    [InlineData("/api/controle")]
    [InlineData("/api/controle?formaat=xlsx")]
    [InlineData("/api/omzetting")]
    [InlineData("/api/omzetting?formaat=csv")]
    public async Task ARowHeldTwiceIsARequestErrorOnEveryRouteNotTwoRowsMergedIntoOne(string url)
    {
        var (status, body) = await Upload(url, Packages.WithRowTwice(Demo, 3));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("rij 3 twee keer, of niet op volgorde", Detail(body));
    }

    [Fact]
    public async Task RowsOutOfOrderAreARequestError()
    {
        var xlsx = Packages.EditEntry(Demo, Packages.SheetEntry(Demo, FormatWorkbook.Toewijzingen), text =>
        {
            Match Row(int n) => Regex.Match(text, $"<(\\w+:)?row r=\"{n}\".*?</(\\w+:)?row>", RegexOptions.Singleline);
            var (second, third) = (Row(2), Row(3));
            return text[..second.Index] + third.Value + text[(second.Index + second.Length)..third.Index] + second.Value + text[(third.Index + third.Length)..];
        });
        var (status, body) = await Upload("/api/controle", xlsx);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("rij 2 twee keer, of niet op volgorde", Detail(body));
    }

    [Fact]
    public async Task ACellLongerThanExcelAllowsIsRefusedNamingTheCell()
    {
        var xlsx = Packages.EditEntry(Demo, Packages.SheetEntry(Demo, FormatWorkbook.Toewijzingen), text => System.Text.RegularExpressions.Regex.Replace(text, "</(\\w+:)?sheetData>",
            m => $"<{m.Groups[1].Value}row r=\"900\"><{m.Groups[1].Value}c r=\"C900\" t=\"inlineStr\"><{m.Groups[1].Value}is><{m.Groups[1].Value}t>{new string('a', 32_768)}</{m.Groups[1].Value}t></{m.Groups[1].Value}is></{m.Groups[1].Value}c></{m.Groups[1].Value}row>{m.Value}"));
        var (status, body) = await Upload("/api/controle", xlsx);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("Cel C900 op het tabblad Toewijzingen bevat meer dan 32.767 tekens", Detail(body));
    }

    [Fact]
    public async Task ASharedStringLongerThanExcelAllowsIsRefused()
    {
        var (status, body) = await Upload("/api/controle", Packages.WithSharedStrings(Demo, ["kort", new string('b', 40_000)]));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("gedeelde tekst", Detail(body));
        Assert.Contains("32.767 tekens", Detail(body));
    }

    [Fact]
    public async Task MoreSharedStringsThanTheLimitAreRefused()
    {
        var xlsx = Packages.WithSharedStrings(Demo, Enumerable.Range(0, 1500).Select(i => $"tekst {i}"));
        var (status, body) = await Upload("/api/controle", xlsx, ("Limieten:Werkboek:MaxGedeeldeTeksten", "1000"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("meer dan 1.000 gedeelde teksten", Detail(body));
        var (ok, _) = await Upload("/api/controle", xlsx);
        Assert.Equal(HttpStatusCode.OK, ok);
    }

    [Fact]
    public async Task MoreFilledCellsThanTheLimitAreRefused()
    {
        var (status, body) = await Upload("/api/controle", Demo, ("Limieten:Werkboek:MaxCellen", "500"));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("meer dan 500 gevulde cellen", Detail(body));
    }

}
