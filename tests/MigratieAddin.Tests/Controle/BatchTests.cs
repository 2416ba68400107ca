using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>Several returned workbooks in one request: each its own short report, one combined conversion list, and a bad
/// workbook that never spoils the others.</summary>
public class BatchTests(Xunit.Abstractions.ITestOutputHelper output) : IDisposable
{
    private const string Gamma = "Zwartewaterland/Gamma Wonen Jong 98000033.xlsx";
    private const string Theta = "Zwartewaterland/Theta Jeugd en Gezin 98000088.xlsx";

    // Yellow column P (productcode2023) filled with the standard 2023 code of each row's 2022 product.
    private const string FillYellow = "ws = wb['Toewijzingen']\nfor r in range(2, ws.max_row + 1):\n    if ws.cell(r, 9).value: ws.cell(r, 16).value = {'44312': '44A21', '44311': '44A21', '44321': '44A27', '44301': '44A08', '44303': '44A08'}.get(str(ws.cell(r, 9).value), '44A21')\n";

    private readonly MigratieApi _api = new();
    private HttpClient? _http;
    private HttpClient _client => _http ??= _api.CreateClient();

    public void Dispose() => _api.Dispose();

    private async Task<Dictionary<string, byte[]>> SentWorkbooks()
    {
        var form = Bestand.Upload(File.ReadAllBytes(DemoExport.Path), "text/csv", "export.csv");
        using var zip = new ZipArchive(new MemoryStream(await (await _client.PostAsync("/api/format/per-aanbieder", form)).Content.ReadAsByteArrayAsync()));
        return zip.Entries.Where(e => e.Name.EndsWith(".xlsx", StringComparison.Ordinal)).ToDictionary(e => e.FullName, e =>
        {
            using var s = new MemoryStream();
            using (var entry = e.Open()) entry.CopyTo(s);
            return s.ToArray();
        });
    }

    private static MultipartFormDataContent Files(params (string Name, byte[] Bytes)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new MediaTypeHeaderValue(FormatApi.XlsxType);
            form.Add(file, "bestand", name);
        }
        return form;
    }

    private async Task<JsonElement> CheckBatch(params (string, byte[])[] files)
    {
        var response = await _client.PostAsync("/api/controle/batch", Files(files));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private async Task<JsonElement> CheckOne(byte[] xlsx)
    {
        var response = await _client.PostAsync("/api/controle", Bestand.Upload(xlsx, FormatApi.XlsxType, "terug.xlsx"));
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static string Detail(string body) => JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;

    [Fact]
    public async Task SeveralGoodWorkbooksAreEachReportedAndABadOneGetsItsOwnReason()
    {
        var sent = await SentWorkbooks();
        var gamma = ExternalReaders.EditWithOpenpyxl(sent[Gamma], FillYellow);
        var theta = sent[Theta];
        var otherSeal = Workbooks.Sheet(theta, Seal.Sheet).Values.Select(r => r[0].Text).ToList();
        var tampered = ExternalReaders.EditWithOpenpyxl(gamma, "ws = wb['Verzegeling']\nws.delete_rows(1, ws.max_row)\n"
            + string.Join("\n", otherSeal.Select((l, i) => $"ws.cell({i + 1}, 1).value = {JsonSerializer.Serialize(l)}")));
        var noTab = ExternalReaders.EditWithOpenpyxl(theta, "wb['Toewijzingen'].title = 'Rijen'");

        var answer = await CheckBatch(("C:\\Users\\gemeente\\Gamma terug.xlsx", gamma), ("kapot.xlsx", [1, 2, 3, 4, 5]), ("Theta.xlsx", theta),
            ("Gamma met vreemd zegel.xlsx", tampered), ("Theta zonder tabblad.xlsx", noTab));
        var werkboeken = answer.GetProperty("werkboeken").EnumerateArray().ToList();

        Assert.Equal(["Gamma terug.xlsx", "kapot.xlsx", "Theta.xlsx", "Gamma met vreemd zegel.xlsx", "Theta zonder tabblad.xlsx"],
            werkboeken.Select(w => w.GetProperty("bestand").GetString()));
        Assert.Equal([1, 2, 3, 4, 5], werkboeken.Select(w => w.GetProperty("nummer").GetInt32()));
        Assert.Equal(["gecontroleerd", "geweigerd", "gecontroleerd", "gecontroleerd", "geweigerd"], werkboeken.Select(w => w.GetProperty("uitkomst").GetString()));
        Assert.Equal(["geldig", null, "geldig", "ongeldig", null], werkboeken.Select(w => w.GetProperty("verzegeling").GetString()));
        Assert.Equal([true, false, true, false, false], werkboeken.Select(w => w.GetProperty("omzetbaar").GetBoolean()));

        // A checked workbook counts exactly as the single-workbook route counts it, and names its aanbieder.
        foreach (var (index, xlsx) in new[] { (0, gamma), (2, theta), (3, tampered) })
            Assert.Equal((await CheckOne(xlsx)).GetProperty("telling").ToString(), werkboeken[index].GetProperty("telling").ToString());
        var aanbieder = Assert.Single(werkboeken[0].GetProperty("aanbieders").EnumerateArray());
        Assert.Equal(("98000033", "Gamma Wonen Jong"), (aanbieder.GetProperty("agb").GetString(), aanbieder.GetProperty("naam").GetString()));
        Assert.Equal("98000088", Assert.Single(werkboeken[2].GetProperty("aanbieders").EnumerateArray()).GetProperty("agb").GetString());

        Assert.Contains("geen Excel-werkboek", werkboeken[1].GetProperty("reden").GetString());
        Assert.Contains("verzegeling van dit werkboek klopt niet", werkboeken[3].GetProperty("reden").GetString());
        Assert.Contains("VERZEGELING_ONGELDIG", werkboeken[3].GetProperty("meldingen").EnumerateArray().Select(m => m.GetProperty("code").GetString()));
        Assert.Contains("geen tabblad 'Toewijzingen'", werkboeken[4].GetProperty("reden").GetString());
        Assert.Equal(JsonValueKind.Null, werkboeken[0].GetProperty("reden").ValueKind);

        var ok = new[] { 0, 2, 3 }.Sum(i => werkboeken[i].GetProperty("telling").GetProperty("ok").GetInt32());
        Assert.Equal(ok, answer.GetProperty("telling").GetProperty("ok").GetInt32());
        Assert.True(ok >= 3);
    }

    [Fact]
    public async Task TheCombinedListNamesWorkbookAndRowForEveryLineNotConverted()
    {
        var sent = await SentWorkbooks();
        var gamma = ExternalReaders.EditWithOpenpyxl(sent[Gamma], FillYellow + "ws.cell(4, 16).value = None"); // row 4 stays onvolledig
        var theta = sent[Theta]; // nothing filled in: every row onvolledig
        var thetaRows = (await CheckOne(theta)).GetProperty("rijen").EnumerateArray().Select(r => r.GetProperty("rij").GetInt32()).ToList();

        var response = await _client.PostAsync("/api/omzetting/batch", Files(("Gamma.xlsx", gamma), ("kapot.xlsx", "geen werkboek"u8.ToArray()), ("Theta.xlsx", theta)));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xlsx = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(["Omzetting", "Niet omgezet"], Workbooks.SheetNames(xlsx));
        Assert.Empty(Workbooks.ValidationErrors(xlsx));

        var omzetting = Workbooks.Sheet(xlsx, "Omzetting");
        Assert.Equal(GecombineerdeOmzetlijst.Velden.Select(v => v.Kop).SkipLast(1), omzetting[1].OrderBy(c => c.Key).Select(c => c.Value.Text));
        Assert.Equal(4, omzetting.Count - 1); // Gamma's two ok rows, each closed and opened
        Assert.All(omzetting.Where(r => r.Key > 1), r => Assert.Equal("Gamma.xlsx", r.Value[0].Text));

        var niet = Workbooks.Sheet(xlsx, "Niet omgezet");
        Assert.Equal(["Werkboek", "Rij", "Toewijzingnummer", "Regelcode", "Reden"], niet[1].OrderBy(c => c.Key).Select(c => c.Value.Text));
        var lines = niet.Where(r => r.Key > 1).Select(r => (Werkboek: r.Value[0].Text, Rij: r.Value.TryGetValue(1, out var rij) ? (int?)rij.Number : null,
            Code: r.Value.GetValueOrDefault(3).Text, Reden: r.Value[4].Text!)).ToList();
        var gammaLine = Assert.Single(lines, l => l.Werkboek == "Gamma.xlsx");
        Assert.Equal(4, gammaLine.Rij);
        Assert.Equal("PRODUCT2023_LEEG", gammaLine.Code);
        Assert.StartsWith("De rij is niet volledig ingevuld.", gammaLine.Reden);
        Assert.DoesNotContain("PRODUCT2023_LEEG", gammaLine.Reden); // the code has its own column; the reason is a sentence
        var broken = Assert.Single(lines, l => l.Werkboek == "kapot.xlsx");
        Assert.Null(broken.Rij);
        Assert.Contains("geen Excel-werkboek", broken.Reden);
        Assert.Equal(thetaRows, lines.Where(l => l.Werkboek == "Theta.xlsx").Select(l => l.Rij ?? 0));

        // The same in CSV: a first column 'werkboek', and niet_omgezet lines naming workbook and row.
        var csv = await (await _client.PostAsync("/api/omzetting/batch?formaat=csv", Files(("Gamma.xlsx", gamma), ("kapot.xlsx", "geen werkboek"u8.ToArray()))))
            .Content.ReadAsStringAsync();
        var rows = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(';')).ToList();
        Assert.Equal(GecombineerdeOmzetlijst.Kolommen, rows[0]);
        Assert.Contains(rows, r => r[0] == "Gamma.xlsx" && r[5] == "niet_omgezet" && r[15] == "4");
        Assert.Contains(rows, r => r[0] == "kapot.xlsx" && r[5] == "niet_omgezet" && r[15] == "");
        Assert.Equal(4, rows.Count(r => r[0] == "Gamma.xlsx" && r[5] is "beeindigen" or "nieuw"));
    }

    [Fact]
    public async Task AWorkbookWithABadSealIsListedAsNotConvertedWhileTheOthersAre()
    {
        var sent = await SentWorkbooks();
        var gamma = ExternalReaders.EditWithOpenpyxl(sent[Gamma], FillYellow);
        var unsealed = ExternalReaders.EditWithOpenpyxl(gamma, "del wb['Verzegeling']");
        var csv = await (await _client.PostAsync("/api/omzetting/batch?formaat=csv", Files(("goed.xlsx", gamma), ("zonder zegel.xlsx", unsealed)))).Content.ReadAsStringAsync();
        var rows = csv.TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(';')).ToList();
        Assert.Equal(6, rows.Count(r => r[0] == "goed.xlsx" && r[5] is "beeindigen" or "nieuw"));
        var refused = Assert.Single(rows, r => r[0] == "zonder zegel.xlsx");
        Assert.Equal("niet_omgezet", refused[5]);
        Assert.Contains("verzegeling van dit werkboek klopt niet", refused[16]);
    }

    [Fact]
    public async Task TheSingleWorkbookListKeepsItsOwnColumns()
    {
        var sent = await SentWorkbooks();
        var csv = await (await _client.PostAsync("/api/omzetting?formaat=csv", Bestand.Upload(sent[Theta], FormatApi.XlsxType, "terug.xlsx"))).Content.ReadAsStringAsync();
        Assert.Equal(string.Join(';', Omzetlijst.Kolommen), csv.TrimStart('\uFEFF').Split('\n')[0].TrimEnd('\r'));
    }

    [Fact]
    public async Task WorkbooksTogetherOverTheBatchSizeAreRefusedWith413()
    {
        using var api = new MigratieApi(("Limieten:Batch:MaxBytes", (25L * 1024 * 1024).ToString()));
        var half = new byte[13 * 1024 * 1024];
        var response = await api.CreateClient().PostAsync("/api/controle/batch", Files(("een.xlsx", half), ("twee.xlsx", half)));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("samen groter dan 25 MB", Detail(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task MoreWorkbooksThanTheBatchAllowsAreRefusedWith413()
    {
        using var api = new MigratieApi(("Limieten:Batch:MaxBestanden", "2"));
        var sent = await SentWorkbooks();
        var response = await api.CreateClient().PostAsync("/api/omzetting/batch", Files(("a.xlsx", sent[Gamma]), ("b.xlsx", sent[Theta]), ("c.xlsx", sent[Gamma])));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("meer dan 2 werkboeken", Detail(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task RowsOfAllWorkbooksTogetherAreBoundedAsOneWorkbooksAre()
    {
        using var api = new MigratieApi(("Limieten:Batch:MaxRijen", "20000"));
        var client = api.CreateClient();
        var big = await SealedWorkbooks.MakeAsync(client, 10_001); // some rows are not sent (volume 0), so fewer than 10,001 come back
        var alone = JsonDocument.Parse(await (await client.PostAsync("/api/controle/batch", Files(("een.xlsx", big)))).Content.ReadAsStringAsync()).RootElement;
        var rows = alone.GetProperty("telling").EnumerateObject().Sum(c => c.Value.GetInt32());
        Assert.InRange(rows, 5_000, 20_000);
        var copies = 20_000 / rows + 1;
        var response = await client.PostAsync("/api/controle/batch", Files(Enumerable.Range(1, copies).Select(i => ($"{i}.xlsx", big)).ToArray()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("samen meer dan 20.000 rijen", Detail(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task AWorkbookOverItsOwnLimitIsRefusedAloneWhenTheBatchMayBeLarger()
    {
        using var api = new MigratieApi(("Limieten:Werkboek:MaxBytes", (25L * 1024 * 1024).ToString()), ("Limieten:Batch:MaxBytes", (60L * 1024 * 1024).ToString()));
        var client = api.CreateClient();
        var sent = await SentWorkbooks();
        var answer = JsonDocument.Parse(await (await client.PostAsync("/api/controle/batch",
            Files(("groot.xlsx", new byte[26 * 1024 * 1024]), ("Theta.xlsx", sent[Theta])))).Content.ReadAsStringAsync()).RootElement;
        var werkboeken = answer.GetProperty("werkboeken").EnumerateArray().ToList();
        Assert.Equal(("geweigerd", "gecontroleerd"), (werkboeken[0].GetProperty("uitkomst").GetString(), werkboeken[1].GetProperty("uitkomst").GetString()));
        Assert.Contains("groter dan 25 MB", werkboeken[0].GetProperty("reden").GetString());
    }

    [Theory]
    [InlineData("/api/controle/batch")]
    [InlineData("/api/omzetting/batch")]
    public async Task ABatchWithoutWorkbooksSaysWhatToSend(string url)
    {
        var form = new MultipartFormDataContent { { new StringContent("x"), "iets" } };
        var response = await _client.PostAsync(url, form);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("veld 'bestand'", Detail(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task ABatchAsksForNoFilledWorkbooks()
    {
        var sent = await SentWorkbooks();
        var response = await _client.PostAsync("/api/controle/batch?formaat=xlsx", Files(("a.xlsx", sent[Theta])));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("/api/controle?formaat=xlsx", Detail(await response.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task FiftyWorkbooksOfAHundredRowsAreCheckedAndConvertedInOneRequestEach()
    {
        var workbook = await SealedWorkbooks.MakeAsync(_client, 100);
        var files = Enumerable.Range(1, 50).Select(i => ($"aanbieder {i}.xlsx", workbook)).ToArray();
        await _client.PostAsync("/api/controle/batch", Files(files[..2])); // warm up the routes
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var answer = await CheckBatch(files);
        var list = await _client.PostAsync("/api/omzetting/batch", Files(files));
        watch.Stop();
        output.WriteLine($"50 workbooks of 100 rows: checked and converted in {watch.ElapsedMilliseconds} ms");
        Assert.Equal(50, answer.GetProperty("werkboeken").GetArrayLength());
        Assert.All(answer.GetProperty("werkboeken").EnumerateArray(), w => Assert.Equal("geldig", w.GetProperty("verzegeling").GetString()));
        Assert.Equal(HttpStatusCode.OK, list.StatusCode);
        var omzetting = Workbooks.Sheet(await list.Content.ReadAsByteArrayAsync(), "Omzetting");
        Assert.Equal(50, omzetting.Values.Skip(1).Select(r => r[0].Text).Distinct().Count());
        // The plan asks for under 3 s; this bound only catches a pathological slowdown on a busy shared test machine.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(15), $"checked and converted in {watch.Elapsed.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task ABatchIsRecordedInTheVoortgangAsEachWorkbookCheckedAndConvertedAlone()
    {
        using var api = new MigratieApi(("Voortgang:Bestand", TestDatabase.NewFile()));
        var client = api.CreateClient();
        var form = Bestand.Upload(File.ReadAllBytes(DemoExport.Path), "text/csv", "export.csv");
        using var zip = new ZipArchive(new MemoryStream(await (await client.PostAsync("/api/format/per-aanbieder", form)).Content.ReadAsByteArrayAsync()));
        byte[] Entry(string name)
        {
            using var s = new MemoryStream();
            using (var e = zip.GetEntry(name)!.Open()) e.CopyTo(s);
            return s.ToArray();
        }
        var gamma = ExternalReaders.EditWithOpenpyxl(Entry(Gamma), FillYellow);
        var files = Files(("Gamma.xlsx", gamma), ("kapot.xlsx", [1, 2, 3]), ("Theta.xlsx", Entry(Theta)));
        var answer = JsonDocument.Parse(await (await client.PostAsync("/api/controle/batch", files)).Content.ReadAsStringAsync()).RootElement;
        var ok = answer.GetProperty("werkboeken")[0].GetProperty("telling").GetProperty("ok").GetInt32();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/omzetting/batch", Files(("Gamma.xlsx", gamma), ("kapot.xlsx", [1, 2, 3])))).StatusCode);

        var overzicht = JsonDocument.Parse(await (await client.GetAsync("/api/voortgang")).Content.ReadAsStringAsync()).RootElement;
        JsonElement Regel(string agb) => overzicht.GetProperty("regels").EnumerateArray()
            .Single(r => r.GetProperty("aanbieder").ValueKind == JsonValueKind.String && r.GetProperty("aanbieder").GetString() == agb
                && r.GetProperty("verstuurd").GetInt32() > 0 && r.GetProperty("teruggekomen").GetInt32() > 0);
        var regel = Regel("98000033");
        Assert.Equal(ok, regel.GetProperty("telling").GetProperty("ok").GetInt32());
        Assert.Equal(ok, regel.GetProperty("omgezet").GetInt32());
        Assert.Equal(0, Regel("98000088").GetProperty("omgezet").GetInt32());
    }
}
