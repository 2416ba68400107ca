using System.Net;
using System.Text.Json;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>Deeply nested XML overflows the stack of whatever parses it recursively, which kills the process: so the API runs
/// as its own process here, and must still answer after each upload.</summary>
[Collection(Zwaar.Naam)]
public class DeepNestingTests
{
    private static readonly string[] Routes = ["/api/controle", "/api/controle?formaat=xlsx", "/api/omzetting", "/api/omzetting?formaat=csv"];

    [Fact]
    public async Task AHundredThousandNestedElementsInACellOrInWorkbookXmlAreA400AndTheApiLivesOn()
    {
        await using var api = await ApiProcess.StartAsync(("Limieten__Beveiliging__VerzoekenPerMinuut", "0"));
        using var client = new HttpClient { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromSeconds(30) };
        var demo = Workbooks.Format(DemoExport.Rows());
        var deepCell = Packages.DeepCell(demo, 100_000);
        var deepWorkbook = Packages.DeepWorkbook(demo, 100_000);
        Assert.True(deepCell.Length < 100 * 1024 && deepWorkbook.Length < 100 * 1024);
        foreach (var route in Routes)
            foreach (var (kind, xlsx) in new[] { ("cel", deepCell), ("workbook.xml", deepWorkbook) })
            {
                HttpResponseMessage response;
                try
                {
                    response = await client.PostAsync(route, Bestand.Upload(xlsx, FormatApi.XlsxType, "diep.xlsx"));
                }
                catch (HttpRequestException e)
                {
                    throw new Xunit.Sdk.XunitException($"{route} ({kind}) took the API down: {e.Message}; {api.LastError}");
                }
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(response.StatusCode == HttpStatusCode.BadRequest, $"{route} ({kind}) answered {(int)response.StatusCode}: {body}");
                Assert.Contains("dieper genest dan", JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString());
                Assert.True((await client.GetAsync("/health")).IsSuccessStatusCode);
            }
    }

    [Fact]
    public async Task NestingAsDeepAsTheLimitIsStillRead()
    {
        await using var api = await ApiProcess.StartAsync(("Limieten__Beveiliging__VerzoekenPerMinuut", "0"));
        using var client = new HttpClient { BaseAddress = new Uri(api.Url) };
        // worksheet, sheetData, row, c, is = 5 levels above the nested elements; the deepest element sits at depth 99 (0-based).
        var xlsx = Packages.DeepCell(Workbooks.Format(DemoExport.Rows()), 95);
        var response = await client.PostAsync("/api/controle", Bestand.Upload(xlsx, FormatApi.XlsxType));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
