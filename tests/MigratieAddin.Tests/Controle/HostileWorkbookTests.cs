using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
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

    [Fact]
    public async Task UploadsBeyondTheConcurrencyLimitGetA503WithRetryAfter()
    {
        // A real server (Kestrel) so the first upload's body really streams and the request stays open while it waits.
        await using var api = await ApiProcess.StartAsync(("Limieten__Werkboek__GelijktijdigeUploads", "1"), ("Limieten__Beveiliging__VerzoekenPerMinuut", "0"));
        using var client = new HttpClient { BaseAddress = new Uri(api.Url) };
        var gate = new TaskCompletionSource();
        var held = client.PostAsync("/api/controle", new GatedUpload(Demo, gate.Task));
        HttpResponseMessage? busy = null;
        for (var i = 0; i < 100 && busy is null; i++)
        {
            var response = await client.PostAsync("/api/format", Bestand.Upload("x"u8.ToArray(), "text/csv"));
            if (response.StatusCode == HttpStatusCode.ServiceUnavailable) busy = response;
            else await Task.Delay(50);
        }
        Assert.NotNull(busy);
        Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
        Assert.Contains("tegelijk", Detail(await busy.Content.ReadAsStringAsync()));
        Assert.True(busy.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        gate.SetResult();
        Assert.Equal(HttpStatusCode.OK, (await held).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/controle", Bestand.Upload(Demo, FormatApi.XlsxType))).StatusCode);
    }

    /// <summary>A multipart upload that sends its first half and waits for the gate before the rest, so the request stays in flight.</summary>
    private sealed class GatedUpload : HttpContent
    {
        private readonly byte[] _body;
        private readonly Task _gate;

        public GatedUpload(byte[] file, Task gate)
        {
            _gate = gate;
            using var buffer = new MemoryStream();
            var form = Bestand.Upload(file, FormatApi.XlsxType);
            form.CopyTo(buffer, null, default);
            _body = buffer.ToArray();
            Headers.ContentType = form.Headers.ContentType;
        }

        protected override async Task SerializeToStreamAsync(Stream stream, System.Net.TransportContext? context)
        {
            await stream.WriteAsync(_body.AsMemory(0, _body.Length / 2));
            await stream.FlushAsync();
            await _gate;
            await stream.WriteAsync(_body.AsMemory(_body.Length / 2));
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
