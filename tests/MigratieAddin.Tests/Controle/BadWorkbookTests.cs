using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public class BadWorkbookTests
{
    private static async Task<(HttpStatusCode Status, string Body)> Upload(string url, byte[] bytes, params (string, string)[] settings)
    {
        using var api = new MigratieApi(settings);
        var response = await api.CreateClient().PostAsync(url, Bestand.Upload(bytes, FormatApi.XlsxType, "terug.xlsx"));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Detail(string body) => JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;

    private static byte[] Zip(params (string Name, byte[] Content)[] entries)
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
            foreach (var (name, content) in entries)
                using (var e = zip.CreateEntry(name, CompressionLevel.SmallestSize).Open()) e.Write(content);
        return stream.ToArray();
    }

    [Theory]
    [InlineData("/api/controle")]
    [InlineData("/api/omzetting")]
    public async Task RandomBytesAreNotAWorkbook(string url)
    {
        var (status, body) = await Upload(url, [1, 2, 3, 4, 5, 6, 7, 8]);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("geen Excel-werkboek", Detail(body));
    }

    [Fact]
    public async Task ATruncatedWorkbookIsNotAWorkbook()
    {
        var xlsx = Workbooks.Format(DemoExport.Rows());
        var (status, body) = await Upload("/api/controle", xlsx[..(xlsx.Length / 2)]);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("geen Excel-werkboek", Detail(body));
    }

    [Fact]
    public async Task AZipBombIsRefusedBeforeItIsUnpacked()
    {
        var bomb = Zip(("[Content_Types].xml", new byte[10]), ("xl/worksheets/sheet1.xml", new byte[600 * 1024 * 1024]));
        Assert.True(bomb.Length < 2 * 1024 * 1024);
        var (status, body) = await Upload("/api/controle", bomb);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("pakt uit tot meer", Detail(body));
    }

    [Fact]
    public async Task AZipThatIsNotAWorkbookPackageIsRefused()
    {
        var (status, body) = await Upload("/api/controle", Zip(("leesmij.txt", "hallo"u8.ToArray())));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("geen Excel-werkboek", Detail(body));
    }

    [Fact]
    public async Task AWorkbookWithoutToewijzingenSaysWhichTabIsMissing()
    {
        var xlsx = ExternalReaders.EditWithOpenpyxl(Workbooks.Format(DemoExport.Rows()), "wb['Toewijzingen'].title = 'Rijen'");
        var (status, body) = await Upload("/api/controle", xlsx);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("geen tabblad 'Toewijzingen'", Detail(body));
    }

    [Fact]
    public async Task MissingOrRenamedHeadersAreNamed()
    {
        var xlsx = ExternalReaders.EditWithOpenpyxl(Workbooks.Format(DemoExport.Rows()),
            "ws = wb['Toewijzingen']\nws.cell(1, 4).value = 'Burgerservicenummer'\nws.cell(1, 16).value = None");
        var (status, body) = await Upload("/api/controle", xlsx);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'BSN jeugdige', 'Productcode 2023'", Detail(body));
    }

    [Fact]
    public async Task MovedColumnsFormulasMergedCellsAndEmptyRowsInBetweenAreRead()
    {
        var script = """
            ws = wb['Toewijzingen']
            ws.move_range('A1:Y67', rows=0, cols=2)
            ws.insert_rows(5, 3)
            ws['AC2'] = 'notitie'
            ws.merge_cells('AC2:AD3')
            ws.cell(2, 2 + 12).value = '=7*1'
            """;
        var xlsx = ExternalReaders.EditWithOpenpyxl(Workbooks.Format(DemoExport.Rows()), script);
        var (status, body) = await Upload("/api/controle", ExternalReaders.ResaveWithLibreOffice(xlsx));
        Assert.Equal(HttpStatusCode.OK, status);
        var report = JsonDocument.Parse(body).RootElement;
        var codes = string.Join(",", report.GetProperty("rijen").EnumerateArray().SelectMany(r => r.GetProperty("meldingen").EnumerateArray()).Where(m => m.GetProperty("ernst").GetString() == "fout").Select(m => m.GetProperty("code").GetString() + "/" + m.GetProperty("kolom").GetString()));
        Assert.Equal("BSN_ONGELDIG/bsn,PRODUCT2022_GGZ/productcode2022,BUITEN_SCOPE_EINDDATUM/einddatum,AANBIEDER_NIET_GEGUND/aanbiederAgb,OMVANG_ONGELDIG/frequentie", codes);
        Assert.Equal(66, report.GetProperty("rijen").GetArrayLength());
        Assert.Equal(5, report.GetProperty("telling").GetProperty("fout").GetInt32());
        Assert.Contains(report.GetProperty("rijen").EnumerateArray(), r => r.GetProperty("rij").GetInt32() == 70);
    }

    [Fact]
    public async Task FiftyThousandRowsAreCheckedAndMoreAreRefused()
    {
        var rows = Enumerable.Range(0, 50_000).Select(i => RijBuilder.Omzetting().With(Column.Bsn, TestBsn.Make(i % 5000)).With(Column.Toewijzingnummer, 300_000_000 + i).Build(i + 2));
        var xlsx = Workbooks.Format(rows);
        var (ok, body) = await Upload("/api/controle", xlsx);
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(50_000, JsonDocument.Parse(body).RootElement.GetProperty("rijen").GetArrayLength());
        var (tooMany, problem) = await Upload("/api/controle", xlsx, ("Limieten:Werkboek:MaxRijen", "20000"));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany);
        Assert.Contains("20.000", Detail(problem));
    }

    [Fact]
    public async Task AnUploadWithoutFileOrAsJsonGetsADutchProblem()
    {
        using var api = new MigratieApi();
        var response = await api.CreateClient().PostAsync("/api/controle", new MultipartFormDataContent { { new StringContent("x"), "iets" } });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("'bestand'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public void ProductionWithoutASealKeyDoesNotStart()
    {
        using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Production")
            .UseSetting("AzureAd:Instance", "https://login.microsoftonline.com/").UseSetting("AzureAd:TenantId", "11111111-1111-1111-1111-111111111111")
            .UseSetting("AzureAd:ClientId", "22222222-2222-2222-2222-222222222222"));
        var e = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("Verzegeling:Sleutel", e.ToString());
    }

    [Fact]
    public void ProductionWithASealKeyStarts()
    {
        using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Production")
            .UseSetting("Verzegeling:Sleutel", SleutelTests.Sterk).UseSetting("AzureAd:Instance", "https://login.microsoftonline.com/")
            .UseSetting("AzureAd:TenantId", "11111111-1111-1111-1111-111111111111").UseSetting("AzureAd:ClientId", "22222222-2222-2222-2222-222222222222"));
        Assert.NotNull(api.CreateClient());
    }
}
