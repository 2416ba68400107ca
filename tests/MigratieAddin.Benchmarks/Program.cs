using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MigratieAddin.Api;
// Speed of the validation engine and of POST /api/validatie, as docs/PERFORMANCE.md reports it.
// Run: dotnet run -c Release --project tests/MigratieAddin.Benchmarks [-- rows iterations]
// Cold and warm against a floor, with fresh starts of the published app: ... -- koud [starts rows] (see Koud.cs)
// Checking a large returned workbook (JSON, ?formaat=xlsx, /api/omzetting; API as its own process, peak memory over
// sequential requests, optional GC variants): [-- write-back rows runs [NAME=value,...]...]; the same steps in-process,
// allocations per step (and per type with 'typen'): [-- write-back-allocaties rows runs [typen]]
// Checking and converting many returned workbooks in one batch (API as its own process): [-- batch workbooks rows runs]
// The request body the benchmarks send, written to a file (for profiling with curl): [-- lichaam file rows]
// The overview for a whole region, SQLite and (with VOORTGANG_POSTGRES) PostgreSQL: [-- voortgang runs]
using MigratieAddin.Tests;

namespace MigratieAddin.Benchmarks;

internal static class ValidatieBench
{
    public static async Task Main(string[] args)
    {
        if (args is ["koud", .. var koud]) { await KoudBench.RunAsync(koud); return; }
        if (args is ["stadia", .. var stadia]) { await Stadia.RunAsync(stadia); return; }
        if (args is ["vloer", var port]) { await Vloer.RunAsync(int.Parse(port)); return; }
        if (args is ["lichaam", var file, var count]) { File.WriteAllBytes(file, BenchRows.Json(CatalogusLoader.LoadEmbedded(), int.Parse(count))); return; }
        if (args is ["write-back-allocaties", .. var allocaties]) { await WriteBackAllocations.RunAsync(allocaties); return; }
        if (args is ["batch", .. var batch]) { await BatchBench.RunAsync(batch); return; }
        if (args is ["voortgang", .. var voortgang]) { await VoortgangBench.RunAsync(voortgang); return; }
        if (args is ["write-back", .. var rest])
        {
            await WriteBackBench.RunAsync(rest);
            return;
        }
        var rowCount = args.Length > 0 ? int.Parse(args[0]) : 10_000;
        var iterations = args.Length > 1 ? int.Parse(args[1]) : 40;

        var catalogus = CatalogusLoader.LoadEmbedded();
        var validator = new Validator(catalogus, new Sealer(Encoding.UTF8.GetBytes(VerzegelingOptions.DevelopmentSleutel)));
        var json = BenchRows.Json(catalogus, rowCount);
        var rows = RowsRequestReader.Read(json, int.MaxValue).Rijen;
        var answer = validator.Validate(rows, Fase.Aanbieder);
        Console.WriteLine($"{rowCount} rows, {json.Length / 1024.0 / 1024.0:0.0} MB request; telling {JsonSerializer.Serialize(answer.Telling, ApiJsonContext.Default.Telling)}");

        var jsonOnly = Measure(iterations, () =>
        {
            var read = RowsRequestReader.Read(json, int.MaxValue);
            return JsonSerializer.SerializeToUtf8Bytes(answer, ApiJsonContext.Default.Beoordeling).Length + read.Rijen.Count;
        });
        var jsonAndEngine = Measure(iterations, () =>
        {
            var read = RowsRequestReader.Read(json, int.MaxValue);
            return JsonSerializer.SerializeToUtf8Bytes(validator.Validate(read.Rijen, read.Fase!.Value), ApiJsonContext.Default.Beoordeling).Length;
        });

        var engine = Measure(iterations, () => validator.Validate(rows, Fase.Aanbieder));

        await using var echo = await EchoHost.StartAsync(answer);
        using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSolutionRelativeContentRoot("api").UseSetting("Logging:LogLevel:Default", "Warning"));
        api.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        api.StartServer();
        var apiAddress = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { Timeout = TimeSpan.FromMinutes(1) };

        var httpApi = await MeasureAsync(iterations, () => Post(http, apiAddress + "/api/validatie", json));
        var httpEcho = await MeasureAsync(iterations, () => Post(http, echo.Address + "/echo", json));

        var formatRows = args.Length > 2 ? int.Parse(args[2]) : 5_000;
        using var catalogusFolder = GeneratedCatalogus.WithAanbieders(100);
        using var formatApi = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseSolutionRelativeContentRoot("api")
            .UseSetting("Logging:LogLevel:Default", "Warning").UseSetting("Catalogus:Map", catalogusFolder.Path));
        formatApi.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        formatApi.StartServer();
        var formatAddress = formatApi.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var formatBody = GeneratedCatalogus.Rows(formatRows, 100, gemeenten: 1);
        var regionBody = GeneratedCatalogus.Rows(formatRows, 100, gemeenten: 11);
        var formatIterations = Math.Max(5, iterations / 4);
        var format = await MeasureAsync(formatIterations, () => Post(http, formatAddress + "/api/format", formatBody));
        var perAanbieder = await MeasureAsync(formatIterations, () => Post(http, formatAddress + "/api/format/per-aanbieder", formatBody));
        var perAanbiederRegion = await MeasureAsync(formatIterations, () => Post(http, formatAddress + "/api/format/per-aanbieder", regionBody));

        // A returned workbook: 5,000 rows of one gemeente for one aanbieder, sealed, with the yellow columns filled.
        var returned = await ReturnedWorkbookOf(http, formatAddress, GeneratedCatalogus.Rows(formatRows, 1, gemeenten: 1, productcode2023: "44A08"));
        var controle = await MeasureAsync(formatIterations, () => Upload(http, formatAddress + "/api/controle", returned));
        var omzetting = await MeasureAsync(formatIterations, () => Upload(http, formatAddress + "/api/omzetting", returned));

        Console.WriteLine();
        Console.WriteLine("| what | median | p90 | target |");
        Console.WriteLine("| --- | ---: | ---: | --- |");
        Row($"engine: {rowCount} rows validated in-process", engine, $"< 50 ms ({rowCount / engine.Median.TotalSeconds:N0} rows/s)");
        Row($"in-process: read request JSON + serialise answer, no validation", jsonOnly, "baseline");
        Row($"in-process: read JSON + validate + serialise", jsonAndEngine, $"{jsonAndEngine.Median / jsonOnly.Median:0.00}x the JSON-only time");
        Row($"loopback: POST /api/validatie", httpApi, "< 250 ms");
        Row($"loopback: same body to an echo endpoint (read + serialise, no validation)", httpEcho, $"API is {httpApi.Median / httpEcho.Median:0.00}x this (target <= 2x)");
        Row($"loopback: POST /api/format, {formatRows} rows (JSON in, .xlsx out)", format, "< 2 s");
        Row($"loopback: POST /api/format/per-aanbieder, {formatRows} rows of one gemeente over 100 aanbieders (100 workbooks + drafts)", perAanbieder, "< 2 s");
        Row($"loopback: the same for the whole region: 11 gemeenten x 100 aanbieders (1,100 workbooks + drafts)", perAanbiederRegion, "(no target)");
        Row($"loopback: POST /api/controle, a returned sealed workbook of {formatRows} rows ({returned.Length / 1024} KB)", controle, "< 1 s");
        Row($"loopback: POST /api/omzetting, the conversion list for it (.xlsx)", omzetting, "(no target)");

        static void Row(string what, Stats s, string target) =>
            Console.WriteLine($"| {what} | {s.Median.TotalMilliseconds:0.0} ms | {s.P90.TotalMilliseconds:0.0} ms | {target} |");

        static async Task<byte[]> ReturnedWorkbookOf(HttpClient http, string address, byte[] rows)
        {
            using var content = new ByteArrayContent(rows);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync(address + "/api/format/per-aanbieder", content);
            using var zip = new System.IO.Compression.ZipArchive(await response.Content.ReadAsStreamAsync());
            using var workbook = new MemoryStream();
            zip.Entries.Single(e => e.Name.EndsWith(".xlsx")).Open().CopyTo(workbook);
            return workbook.ToArray();
        }

        static async Task<int> Upload(HttpClient http, string url, byte[] xlsx)
        {
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(xlsx), "bestand", "terug.xlsx");
            using var response = await http.PostAsync(url, form);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
            return bytes.Length;
        }

        static async Task<int> Post(HttpClient http, string url, byte[] body)
        {
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new("application/json");
            using var response = await http.PostAsync(url, content);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
            return bytes.Length;
        }

        static Stats Measure<T>(int n, Func<T> action)
        {
            for (var i = 0; i < 30; i++) action();
            var times = new List<TimeSpan>();
            for (var i = 0; i < n; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var sw = Stopwatch.StartNew();
                GC.KeepAlive(action());
                times.Add(sw.Elapsed);
            }
            return Stats.Of(times);
        }

        static async Task<Stats> MeasureAsync<T>(int n, Func<Task<T>> action)
        {
            for (var i = 0; i < 20; i++) await action();
            var times = new List<TimeSpan>();
            for (var i = 0; i < n; i++)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                var sw = Stopwatch.StartNew();
                GC.KeepAlive(await action());
                times.Add(sw.Elapsed);
            }
            return Stats.Of(times);
        }
    }
}

internal sealed record Stats(TimeSpan Median, TimeSpan P90)
{
    public static Stats Of(List<TimeSpan> times)
    {
        times.Sort();
        return new Stats(times[times.Count / 2], times[(int)Math.Ceiling(times.Count * 0.9) - 1]);
    }
}

/// <summary>A minimal host on the same machinery (Kestrel, the request reader, the source-generated JSON),
/// answering a fixed report: what POST /api/validatie would cost if it did not validate.</summary>
internal sealed class EchoHost(WebApplication app, string address) : IAsyncDisposable
{
    public string Address { get; } = address;

    public static async Task<EchoHost> StartAsync(Beoordeling answer)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = null);
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        var app = builder.Build();
        app.MapPost("/echo", async (HttpRequest request, CancellationToken ct) =>
        {
            var read = await RequestBody.ReadAsync(request, long.MaxValue, body => RowsRequestReader.Read(body, int.MaxValue), ct);
            return read.Rijen.Count == answer.Rijen.Count ? TypedResults.Ok(answer) : Results.BadRequest();
        });
        await app.StartAsync();
        return new EchoHost(app, app.Urls.First());
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();
}

/// <summary>A copy of the embedded catalogue with many gegunde aanbieders, loaded through the Catalogus:Map setting.</summary>
internal sealed class GeneratedCatalogus : IDisposable
{
    private GeneratedCatalogus(string path) => Path = path;

    public string Path { get; }

    public static GeneratedCatalogus WithAanbieders(int count)
    {
        var folder = Directory.CreateTempSubdirectory("bench-catalogus-").FullName;
        var source = System.IO.Path.Combine(AppContext.BaseDirectory, "catalogus");
        foreach (var file in Directory.GetFiles(source)) File.Copy(file, System.IO.Path.Combine(folder, System.IO.Path.GetFileName(file)));
        var codes = string.Join(' ', CatalogusLoader.LoadFromFolder(folder).Producten2023.Select(p => p.Productcode));
        var lines = new List<string> { "agb;naam;email;telefoon;gegunde_producten" };
        for (var i = 0; i < count; i++) lines.Add($"{97000000 + i};Aanbieder {i:000};aanbieder{i}@voorbeeld.example;0500-{i:000000};{codes}");
        File.WriteAllLines(System.IO.Path.Combine(folder, CatalogusLoader.Aanbieders), lines);
        return new GeneratedCatalogus(folder);
    }

    /// <summary>Rows spread over every gemeente and the generated aanbieders, as JSON for the format routes.</summary>
    public static byte[] Rows(int count, int aanbieders, int gemeenten, string? productcode2023 = null)
    {
        string[] codes = ["0193", "0148", "0150", "0160", "0166", "1773", "0175", "0177", "0180", "1708", "1896"];
        var rijen = new JsonArray();
        for (var i = 0; i < count; i++)
            rijen.Add(new JsonObject
            {
                ["waarden"] = new JsonObject
                {
                    ["gemeentecode"] = codes[i % gemeenten],
                    ["aanbiederAgb"] = (97000000 + i % aanbieders).ToString(),
                    ["bsn"] = TestBsn.Make(i),
                    ["naam"] = $"Jeugdige {i}",
                    ["geboortedatum"] = 40000 + i % 2000,
                    ["toewijzingnummer"] = 600_000_000 + i,
                    ["productcategorie2022"] = "44",
                    ["productcode2022"] = "44301",
                    ["ingangsdatum"] = "01-03-2022",
                    ["einddatum"] = "31-12-2023",
                    ["volume"] = 7,
                    ["eenheid"] = "14",
                    ["frequentie"] = 2,
                    ["productcode2023"] = productcode2023,
                },
            });
        return Encoding.UTF8.GetBytes(new JsonObject { ["rijen"] = rijen }.ToJsonString());
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}

/// <summary>Realistic request rows: the demo export's toewijzingen repeated with distinct BSNs and numbers,
/// the aanbieder's standard choice filled in, an ambulant row for every combination product, a few mistakes.</summary>
internal static class BenchRows
{
    public static byte[] Json(Catalogus catalogus, int count)
    {
        var demo = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "lopende-toewijzingen.csv")).Skip(1).Select(l => l.Split(';')).Take(60).ToList();
        var rijen = new JsonArray();
        for (var i = 0; rijen.Count < count; i++)
        {
            var d = demo[i % demo.Count];
            var code2022 = d[8];
            var standaard = catalogus.OmzettingenFrom(code2022).FirstOrDefault(o => o.Standaard)?.Productcode2023;
            var waarden = new JsonObject
            {
                ["gemeentecode"] = d[0],
                ["aanbiederAgb"] = d[1],
                ["aanbiederNaam"] = d[2],
                ["bsn"] = TestBsn.Make(i),
                ["naam"] = d[4],
                ["geboortedatum"] = Serial(d[5]),
                ["toewijzingnummer"] = 300_000_000 + i,
                ["productcategorie2022"] = d[7],
                ["productcode2022"] = code2022,
                ["ingangsdatum"] = Serial(d[9]),
                ["einddatum"] = Serial(d[10]),
                ["volume"] = int.Parse(d[11]),
                ["eenheid"] = d[12],
                ["frequentie"] = int.Parse(d[13]),
                ["productcode2023"] = i % 50 == 7 ? null : standaard,
                ["opmerkingAanbieder"] = i % 40 == 3 ? "Graag overleg" : null,
            };
            rijen.Add(new JsonObject { ["rij"] = rijen.Count + 2, ["waarden"] = waarden });
            if (catalogus.Product2022(code2022) is { CombinatieAmbulant: true } && rijen.Count < count)
            {
                var ambulant = (JsonObject)waarden.DeepClone();
                ambulant["productcategorie2023"] = "50";
                ambulant["productcode2023"] = null;
                ambulant["budget2023"] = "2.500,00";
                rijen.Add(new JsonObject { ["rij"] = rijen.Count + 2, ["waarden"] = ambulant });
            }
        }
        return Encoding.UTF8.GetBytes(new JsonObject { ["fase"] = "aanbieder", ["rijen"] = rijen }.ToJsonString());
    }

    private static int Serial(string ddmmyyyy) =>
        DateOnly.ParseExact(ddmmyyyy, "dd-MM-yyyy").DayNumber - new DateOnly(1899, 12, 30).DayNumber;
}
