using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>Thousands of malformed and random bodies for every POST endpoint, in local mode with the rate limiter off so
/// they reach the parsers: never a 500, never a hang, and the process stays small.</summary>
[Collection(Zwaar.Naam)]
public class FuzzTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int PerKind = 60;
    private static readonly string[] JsonRoutes = ["/api/validatie", "/api/format", "/api/format/per-aanbieder", "/api/akkoord"];
    private static readonly string[] UploadRoutes = ["/api/format", "/api/format/per-aanbieder", "/api/controle", "/api/controle?formaat=xlsx", "/api/omzetting", "/api/omzetting?formaat=csv", "/api/controle/batch", "/api/omzetting/batch"];

    private const string ValidJson = """{"fase":"aanbieder","regelId":"a.1","rijen":[{"rij":2,"waarden":{"gemeentecode":"0193","bsn":999925702,"naam":"X","ingangsdatum":44652,"productcode2023":"44A08","volume":"1.000"}}],"waarden":{"bsn":"1"},"contactpersonen":[{"voornaam":"A"}]}""";

    private static IEnumerable<(string Kind, byte[] Body)> JsonBodies(Random random)
    {
        var valid = Encoding.UTF8.GetBytes(ValidJson);
        for (var i = 0; i < PerKind; i++)
        {
            yield return ("afgebroken", valid[..random.Next(valid.Length)]);
            var flipped = (byte[])valid.Clone();
            for (var f = 0; f < 1 + random.Next(6); f++) flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
            yield return ("bytes-gewijzigd", flipped);
            yield return ("verkeerd-type", Encoding.UTF8.GetBytes(ValidJson.Replace("\"0193\"", Pick(random, "{}", "[]", "[1,[2]]", "true", "null", "1e400", "-0", "\"\\u0000\"")).Replace("999925702", Pick(random, "{\"a\":1}", "\"x\"", "[]", "1.5e308"))));
            yield return ("lange-tekst", Encoding.UTF8.GetBytes(ValidJson.Replace("\"X\"", "\"" + new string('x', random.Next(100_000, 3_000_000)) + "\"")));
            var depth = random.Next(20, 20_000);
            yield return ("diep-genest", Encoding.UTF8.GetBytes("{\"fase\":\"aanbieder\",\"rijen\":" + new string('[', depth) + new string(']', depth) + "}"));
            yield return ("ongeldige-utf8", [.. Encoding.UTF8.GetBytes("{\"fase\":\"aanbieder\",\"rijen\":[{\"waarden\":{\"naam\":\""), 0xC3, 0x28, 0xFF, 0xFE, .. "\"}}]}"u8.ToArray()]);
            yield return ("willekeurig", RandomBytes(random, random.Next(1, 4096)));
        }
    }

    private static IEnumerable<(string Kind, byte[] Body)> Uploads(Random random, byte[] workbook)
    {
        for (var i = 0; i < PerKind / 4; i++)
        {
            yield return ("willekeurige-xlsx", RandomBytes(random, random.Next(1, 50_000)));
            yield return ("afgebroken-xlsx", workbook[..random.Next(workbook.Length)]);
            var flipped = (byte[])workbook.Clone();
            for (var f = 0; f < 1 + random.Next(20); f++) flipped[random.Next(flipped.Length)] = (byte)random.Next(256);
            yield return ("beschadigde-xlsx", flipped);
            yield return ("csv-binair", [.. Encoding.UTF8.GetBytes("Gemeentecode;BSN jeugdige\n0193;"), .. RandomBytes(random, 2000)]);
            yield return ("csv-willekeurig", Encoding.UTF8.GetBytes(string.Join("\n", Enumerable.Range(0, random.Next(1, 200)).Select(_ => string.Join(Pick(random, ";", ",", "\t", "\";\""), Enumerable.Range(0, random.Next(1, 30)).Select(_ => Pick(random, "0193", "=1+1", "\"", "", "BSN jeugdige", "gemeentecode", new string('y', random.Next(0, 500)))))))));
        }
        yield return ("zipbom", ZipBomb());
        yield return ("xxe", WithSheet(workbook, """<?xml version="1.0"?><!DOCTYPE w [<!ENTITY x SYSTEM "file:///etc/passwd">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&x;</t></is></c></row></sheetData></worksheet>"""));
        yield return ("miljard-lachjes", WithSheet(workbook, """<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;"><!ENTITY e "&d;&d;&d;&d;&d;&d;&d;&d;&d;&d;"><!ENTITY f "&e;&e;&e;&e;&e;&e;&e;&e;&e;&e;"><!ENTITY g "&f;&f;&f;&f;&f;&f;&f;&f;&f;&f;"><!ENTITY h "&g;&g;&g;&g;&g;&g;&g;&g;&g;&g;">]><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&h;</t></is></c></row></sheetData></worksheet>"""));
        yield return ("lachjes-in-inhoudstypen", WithEntry(workbook, "[Content_Types].xml", """<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "haha"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">&c;</Types>"""));
    }

    [Fact]
    public async Task MalformedAndRandomBodiesNeverCauseA500OrAHangAndStayWithinMemory()
    {
        // The API as its own process, as in production, so its peak working set is its own (Linux: VmHWM).
        await using var api = await ApiProcess.StartAsync(("Limieten__Beveiliging__VerzoekenPerMinuut", "0"), ("Logging__LogLevel__Default", "Warning"));
        using var client = new HttpClient { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromSeconds(30) };
        var random = new Random(20261127);
        var workbook = Workbooks.Format(DemoExport.Rows());
        var send = new Sender(client, api);
        Task Send(string route, HttpContent content, string kind, HttpStatusCode? expected = null) => send.PostAsync(route, content, kind, expected);

        foreach (var route in JsonRoutes)
            foreach (var (kind, body) in JsonBodies(random))
            {
                var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue(random.Next(10) == 0 ? "text/plain" : "application/json");
                await Send(route, content, kind);
            }
        foreach (var route in UploadRoutes)
            foreach (var (kind, body) in Uploads(random, workbook))
            {
                var form = new MultipartFormDataContent();
                form.Add(new ByteArrayContent(body), "bestand", "bestand");
                if (random.Next(3) == 0) form.Add(new StringContent(Encoding.UTF8.GetString(RandomBytes(random, 50))), "contactpersonen");
                // In a batch a bad workbook gets its own reason beside a good one: the answer as a whole stays 200.
                if (route.EndsWith("/batch", StringComparison.Ordinal)) form.Add(new ByteArrayContent(workbook), "bestand", "goed.xlsx");
                await Send(route, form, kind, route.EndsWith("/batch", StringComparison.Ordinal) ? HttpStatusCode.OK : null);
            }

        Assert.True(send.Sent >= 2000, $"only {send.Sent} bodies");
        var fromParsers = send.Statuses.Where(s => s.Key is not (HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden)).Sum(s => s.Value);
        Assert.True(fromParsers > send.Sent * 0.95, send.Summary);
        var peak = api.PeakWorkingSetBytes();
        output.WriteLine($"{send.Sent} bodies in {send.Elapsed.TotalSeconds:0.0} s, slowest {send.Slowest.Time.TotalSeconds:0.00} s {send.Slowest.What}; statuses {send.Summary}; peak working set of the API {peak / 1024 / 1024} MB");
        Assert.True(peak < 500L * 1024 * 1024, $"peak working set of the API {peak / 1024 / 1024} MB");
    }

    private static readonly string[] HostileRoutes = [.. UploadRoutes, "/api/downloads"];

    /// <summary>Workbooks made to mislead or exhaust the reader and the write-back, each from a sealed per-aanbieder
    /// workbook (the structural ones from the unsealed demo workbook too).</summary>
    private static IEnumerable<(string Kind, byte[] Xlsx)> HostileWorkbooks(byte[] sealedWorkbook, byte[] demo)
    {
        foreach (var (source, xlsx) in new[] { ("verzegeld", sealedWorkbook), ("demo", demo) })
        {
            yield return ($"{source}: ongewijzigd", xlsx);
            yield return ($"{source}: diep genest in een cel", Packages.DeepCell(xlsx, 100_000));
            yield return ($"{source}: diep genest in workbook.xml", Packages.DeepWorkbook(xlsx, 100_000));
            yield return ($"{source}: diep genest in de relaties", Packages.DeepRelationships(xlsx, 100_000));
            yield return ($"{source}: genest tot net binnen de grens", Packages.DeepCell(xlsx, 95));
            yield return ($"{source}: Toewijzingen wijst naar een grafiekblad", Packages.WithToewijzingenPointingAt(xlsx, Packages.AddChartsheet));
            yield return ($"{source}: Toewijzingen wijst naar de opmaak", Packages.WithToewijzingenPointingAt(xlsx, w => w.WorkbookStylesPart!));
            yield return ($"{source}: een rij twee keer", Packages.WithRowTwice(xlsx, 3));
            yield return ($"{source}: de kopregel twee keer", Packages.WithRowTwice(xlsx, 1));
            yield return ($"{source}: Toewijzingen verborgen", Packages.WithToewijzingenState(xlsx, DocumentFormat.OpenXml.Spreadsheet.SheetStateValues.Hidden));
            yield return ($"{source}: Toewijzingen heel verborgen", Packages.WithToewijzingenState(xlsx, DocumentFormat.OpenXml.Spreadsheet.SheetStateValues.VeryHidden));
            yield return ($"{source}: twee zichtbare Toewijzingen", Packages.WithCopyOfToewijzingen(xlsx, "TOEWIJZINGEN ", DocumentFormat.OpenXml.Spreadsheet.SheetStateValues.Visible, first: false));
            yield return ($"{source}: een heel verborgen kopie ervoor", Packages.WithCopyOfToewijzingen(xlsx, " toewijzingen", DocumentFormat.OpenXml.Spreadsheet.SheetStateValues.VeryHidden, first: true));
            yield return ($"{source}: een verborgen kopie ernaast", Packages.WithCopyOfToewijzingen(xlsx, "Toewijzingen oud", DocumentFormat.OpenXml.Spreadsheet.SheetStateValues.Hidden, first: true));
            yield return ($"{source}: VBA-project", Packages.WithVbaProject(xlsx));
            yield return ($"{source}: externe koppeling", Packages.WithExternalLink(xlsx));
            yield return ($"{source}: koppeling naar een ander bestand", Packages.WithExternalLinkPath(xlsx));
            yield return ($"{source}: gedeelde tekst langer dan een cel", Packages.WithRawSharedStrings(xlsx, 3, _ => new string('x', 40_000)));
            yield return ($"{source}: verwijzing voorbij de gedeelde teksten", Packages.WithSharedStringReference(Packages.WithRawSharedStrings(xlsx, 2, i => $"t{i}"), "999999"));
            yield return ($"{source}: negatieve verwijzing naar een gedeelde tekst", Packages.WithSharedStringReference(Packages.WithRawSharedStrings(xlsx, 2, i => $"t{i}"), "-1"));
            yield return ($"{source}: verwijzing naar een gedeelde tekst die geen getal is", Packages.WithSharedStringReference(Packages.WithRawSharedStrings(xlsx, 2, i => $"t{i}"), "1e9"));
            yield return ($"{source}: verwijzing naar gedeelde teksten die er niet zijn", Packages.WithSharedStringReference(xlsx, "0"));
        }
        // Huge shared string tables: more items than the cap, and tens of MB of long items (a zip bomb in disguise).
        yield return ("verzegeld: 2.000.001 gedeelde teksten", Packages.WithRawSharedStrings(sealedWorkbook, 2_000_001, i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        yield return ("verzegeld: 1.500 gedeelde teksten van 32.000 tekens", Packages.WithRawSharedStrings(sealedWorkbook, 1_500, i => i + new string((char)('a' + i % 26), 32_000)));
        yield return ("verzegeld: 200.000 verschillende gedeelde teksten", Packages.WithRawSharedStrings(sealedWorkbook, 200_000, i => $"{i * 7919 % 1_000_003:x}-{i}"));
    }

    /// <summary>An overleg row of a sealed workbook (a combination product with a changed einddatum), as the pane sends it to
    /// /api/akkoord, and as fase controle to /api/validatie, with the seal broken, swapped, bloated and mistyped.</summary>
    private static IEnumerable<(string Route, string Kind, string Json)> SealBodies(Random random)
    {
        var zending = Zending.Of(RijBuilder.Omzetting().With(Column.Productcode2022, "44303").With(Column.Einddatum2023, "30-06-2023"));
        var other = Zending.Of(RijBuilder.Omzetting());
        var row = zending.Rows[0];
        var valid = zending.Verzegeling;
        string Akkoord(Row r, string? seal) => AkkoordJson(r, seal);
        string Validatie(Row r, string? seal) => "{\"fase\":\"controle\",\"verzegeling\":" + JsonSerializer.Serialize(seal) + ",\"rijen\":[{\"rij\":2,\"waarden\":" + WaardenJson(r) + "}]}";
        foreach (var (route, body) in new (string, Func<Row, string?, string>)[] { ("/api/akkoord", Akkoord), ("/api/validatie", Validatie) })
        {
            yield return (route, "geldige verzegeling", body(row, valid));
            yield return (route, "verzegeling van een ander werkboek", body(row, other.Verzegeling));
            yield return (route, "rij uit een ander werkboek", body(other.Rows[0], valid));
            for (var i = 0; i < 15; i++)
            {
                var chars = valid.ToCharArray();
                for (var f = 0; f < 1 + random.Next(4); f++) chars[random.Next(chars.Length)] = Pick(random, "A", "_", ";", "\n", "\u0000", "é", "=", ".")[0];
                yield return (route, "verzegeling met gewijzigde tekens", body(row, new string(chars)));
                yield return (route, "afgebroken verzegeling", body(row, valid[..random.Next(valid.Length)]));
                yield return (route, "verzegeling met gewijzigde rij", body(Zending.Copy(row, (Column.Volume, random.Next(-5, 50))), valid));
                yield return (route, "verzegeling met vreemde Regel-ID", body(Zending.Copy(row, (Column.RegelId, Pick(random, "", "x", new string('9', 5000), zending.WerkboekId + ".0", zending.WerkboekId + ".-1", zending.WerkboekId + ".99999999999999999999", "_x0041_.1"))), valid));
            }
            yield return (route, "verzegeling van 3 MB", body(row, valid + new string('A', 3_000_000)));
            yield return (route, "verzegeling van 100.000 regels", body(row, string.Concat(Enumerable.Repeat(valid.Split('\n')[0] + "\n", 100_000))));
            yield return (route, "verzegeling met _x-ontsnappingen", body(row, valid.Replace("A", "_x0041_")));
            yield return (route, "lege verzegeling", body(row, ""));
        }
        foreach (var wrong in new[] { "1", "[]", "{}", "true", "[\"a\",[\"b\"]]" })
            yield return ("/api/akkoord", "verzegeling van het verkeerde type", AkkoordJson(row, null).Replace("\"verzegeling\":null", "\"verzegeling\":" + wrong));
    }

    private static string WaardenJson(Row row) =>
        JsonDocument.Parse(Zending.AkkoordBody(row, null).ReadAsStringAsync().Result).RootElement.GetProperty("waarden").GetRawText();

    private static string AkkoordJson(Row row, string? seal) => Zending.AkkoordBody(row, seal).ReadAsStringAsync().Result;

    [Fact]
    public async Task HostileWorkbooksOverEveryUploadEndpointAndSealsOverAkkoordAreAnsweredWithin5SecondsAndTheApiStaysUp()
    {
        await using var api = await ApiProcess.StartAsync(("Limieten__Beveiliging__VerzoekenPerMinuut", "0"), ("Logging__LogLevel__Default", "Warning"));
        using var client = new HttpClient { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromSeconds(30) };
        var send = new Sender(client, api);
        var random = new Random(20261203);
        var sealedWorkbook = await SealedWorkbooks.MakeAsync(client, 20);
        var demo = Workbooks.Format(DemoExport.Rows());
        var answers = new Dictionary<string, HttpStatusCode>();

        foreach (var (kind, xlsx) in HostileWorkbooks(sealedWorkbook, demo))
        {
            foreach (var route in HostileRoutes)
                answers[$"{route} {kind}"] = await send.PostAsync(route, Bestand.Upload(xlsx, FormatApi.XlsxType, "terug.xlsx"), kind);
            Assert.True((await client.GetAsync("/health")).IsSuccessStatusCode, $"the API is not healthy after '{kind}': {api.LastError}");
        }
        foreach (var (route, kind, json) in SealBodies(random))
            answers[$"{route} {kind}"] = await send.PostAsync(route, new StringContent(json, Encoding.UTF8, "application/json"), kind);
        Assert.True((await client.GetAsync("/health")).IsSuccessStatusCode, api.LastError);

        // The hostile parts are refused, the harmless ones still read: the answers come from the checks, not from luck.
        Assert.Equal(HttpStatusCode.OK, answers["/api/controle?formaat=xlsx verzegeld: ongewijzigd"]);
        Assert.Equal(HttpStatusCode.OK, answers["/api/omzetting verzegeld: ongewijzigd"]);
        Assert.Equal(HttpStatusCode.OK, answers["/api/controle verzegeld: genest tot net binnen de grens"]);
        Assert.Equal(HttpStatusCode.OK, answers["/api/controle verzegeld: een verborgen kopie ernaast"]);
        foreach (var kind in new[] { "diep genest in een cel", "diep genest in workbook.xml", "diep genest in de relaties", "Toewijzingen wijst naar een grafiekblad",
                     "Toewijzingen verborgen", "twee zichtbare Toewijzingen", "een heel verborgen kopie ervoor", "gedeelde tekst langer dan een cel",
                     "een rij twee keer", "de kopregel twee keer", "2.000.001 gedeelde teksten" })
            foreach (var route in new[] { "/api/controle", "/api/controle?formaat=xlsx", "/api/omzetting" })
                Assert.True(answers[$"{route} verzegeld: {kind}"] == HttpStatusCode.BadRequest, $"{route} ({kind}) answered {(int)answers[$"{route} verzegeld: {kind}"]}");
        Assert.Equal(HttpStatusCode.BadRequest, answers["/api/controle?formaat=xlsx verzegeld: VBA-project"]);
        Assert.Equal(HttpStatusCode.BadRequest, answers["/api/controle?formaat=xlsx verzegeld: externe koppeling"]);
        Assert.Equal(HttpStatusCode.OK, answers["/api/akkoord geldige verzegeling"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answers["/api/akkoord verzegeling van een ander werkboek"]);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, answers["/api/akkoord rij uit een ander werkboek"]);

        var peak = api.PeakWorkingSetBytes();
        output.WriteLine($"{send.Sent} requests in {send.Elapsed.TotalSeconds:0.0} s, slowest {send.Slowest.Time.TotalSeconds:0.00} s {send.Slowest.What}; statuses {send.Summary}; peak working set of the API {peak / 1024 / 1024} MB");
        Assert.True(peak < 600L * 1024 * 1024, $"peak working set of the API {peak / 1024 / 1024} MB");
    }

    /// <summary>Posts bodies one by one and holds each answer to the rules: 2xx or 4xx (a 4xx as problem+json) within 5 s.</summary>
    private sealed class Sender(HttpClient client, ApiProcess api)
    {
        private readonly Stopwatch _total = new();

        public Dictionary<HttpStatusCode, int> Statuses { get; } = [];
        public int Sent { get; private set; }
        public TimeSpan Elapsed => _total.Elapsed;
        public (TimeSpan Time, string What) Slowest { get; private set; }
        public string Summary => string.Join(", ", Statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}"));

        public async Task<HttpStatusCode> PostAsync(string route, HttpContent content, string kind, HttpStatusCode? expected = null)
        {
            _total.Start();
            var watch = Stopwatch.StartNew();
            HttpResponseMessage response;
            try
            {
                response = await client.PostAsync(route, content);
            }
            catch (HttpRequestException e)
            {
                throw new Xunit.Sdk.XunitException($"{route} ({kind}) got no answer, the API may be down: {e.Message}; {api.LastError}");
            }
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            _total.Stop();
            if (watch.Elapsed > Slowest.Time) Slowest = (watch.Elapsed, $"{route} ({kind})");
            Sent++;
            Statuses[response.StatusCode] = Statuses.GetValueOrDefault(response.StatusCode) + 1;
            var code = (int)response.StatusCode;
            Assert.True(code < 500 || (code == 503 && body.Contains("duurde te lang")), $"{route} ({kind}) answered {code}: {api.LastError}");
            if (expected is { } status) Assert.True(response.StatusCode == status, $"{route} ({kind}) answered {code}, not {(int)status}: {body}");
            if (code >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{route} ({kind}) took {watch.Elapsed.TotalSeconds:0.0} s");
            return response.StatusCode;
        }
    }

    private static string Pick(Random random, params string[] options) => options[random.Next(options.Length)];

    private static byte[] RandomBytes(Random random, int length)
    {
        var bytes = new byte[length];
        random.NextBytes(bytes);
        return bytes;
    }

    private static byte[] ZipBomb()
    {
        using var stream = new MemoryStream();
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Create, leaveOpen: true))
        {
            using (var e = zip.CreateEntry("[Content_Types].xml").Open()) e.Write("<Types/>"u8);
            using (var e = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open())
            {
                var zeros = new byte[1024 * 1024];
                for (var i = 0; i < 700; i++) e.Write(zeros);
            }
        }
        return stream.ToArray();
    }

    private static byte[] WithSheet(byte[] workbook, string xml) => WithEntry(workbook, "xl/worksheets/sheet2.xml", xml);

    private static byte[] WithEntry(byte[] workbook, string name, string content)
    {
        using var stream = new MemoryStream();
        stream.Write(workbook);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry(name)?.Delete();
            using var e = zip.CreateEntry(name).Open();
            e.Write(Encoding.UTF8.GetBytes(content));
        }
        return stream.ToArray();
    }
}
