using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
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
        var statuses = new Dictionary<HttpStatusCode, int>();
        var sent = 0;

        async Task Send(string route, HttpContent content, string kind, HttpStatusCode? expected = null)
        {
            var watch = Stopwatch.StartNew();
            var response = await client.PostAsync(route, content);
            var body = await response.Content.ReadAsStringAsync();
            watch.Stop();
            sent++;
            statuses[response.StatusCode] = statuses.GetValueOrDefault(response.StatusCode) + 1;
            var code = (int)response.StatusCode;
            Assert.True(code < 500 || (code == 503 && body.Contains("duurde te lang")), $"{route} ({kind}) answered {code}: {api.LastError}");
            if (code >= 400) Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            if (expected is { } status) Assert.True(response.StatusCode == status, $"{route} ({kind}) answered {code}, not {(int)status}: {body}");
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"{route} ({kind}) took {watch.Elapsed.TotalSeconds:0.0} s");
        }

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

        Assert.True(sent >= 2000, $"only {sent} bodies");
        var fromParsers = statuses.Where(s => s.Key is not (HttpStatusCode.Unauthorized or HttpStatusCode.TooManyRequests or HttpStatusCode.Forbidden)).Sum(s => s.Value);
        Assert.True(fromParsers > sent * 0.95, string.Join(", ", statuses.Select(s => $"{(int)s.Key}: {s.Value}")));
        var peak = api.PeakWorkingSetBytes();
        output.WriteLine($"{sent} bodies; statuses {string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{(int)s.Key}: {s.Value}"))}; peak working set of the API {peak / 1024 / 1024} MB");
        Assert.True(peak < 500L * 1024 * 1024, $"peak working set of the API {peak / 1024 / 1024} MB");
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
