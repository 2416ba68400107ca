using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MigratieAddin.Api;
using MigratieAddin.Tests;

namespace MigratieAddin.Benchmarks;

/// <summary>Speed as a region sees it: POST /api/validatie right after a start of the published app (as the image runs
/// it: Production, sign-in on, every setting from the environment) and warm, side by side with a floor (a bare ASP.NET
/// endpoint that only parses the same body with JsonDocument and answers one status per row).
/// Run: dotnet run -c Release --project tests/MigratieAddin.Benchmarks -- koud [starts rows]</summary>
internal static class KoudBench
{
    private const string Tenant = "11111111-1111-1111-1111-111111111111";
    private const string ClientId = "22222222-2222-2222-2222-222222222222";
    private const int CallsAfterStart = 5;

    public static async Task RunAsync(string[] args)
    {
        var starts = args.Length > 0 ? int.Parse(args[0]) : 5;
        var rowCount = args.Length > 1 ? int.Parse(args[1]) : 10_000;
        var root = Repository.Root;
        var work = Directory.CreateTempSubdirectory("bench-koud-");
        try
        {
            var body = BenchRows.Json(CatalogusLoader.LoadEmbedded(), rowCount);
            Console.WriteLine($"{rowCount} rows, {body.Length / 1024.0 / 1024.0:0.0} MB request, {starts} starts per variant");

            var app = Path.Combine(work.FullName, "app");
            await Run("dotnet", root, "publish", "api", "-c", "Release", "-r", "linux-x64", "--self-contained", "false", "-o", app, "-nologo", "-v", "quiet");
            await using var idp = await IdentityProvider.StartAsync(root, work.FullName);
            using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { Timeout = TimeSpan.FromMinutes(1) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", idp.Token);

            (string, string)[] settings =
            [
                ("ASPNETCORE_ENVIRONMENT", "Production"), ("Verzegeling__Sleutel", Convert.ToBase64String(RandomNumberGenerator.GetBytes(48))),
                ("Addin__PubliekeUrl", "https://migratie.example.org"), ("AllowedHosts", "*"), ("Logging__LogLevel__Default", "Warning"),
                ("AzureAd__Instance", idp.Instance), ("AzureAd__TenantId", Tenant), ("AzureAd__ClientId", ClientId),
                ("AzureAd__Audience", $"api://{ClientId}"), ("SSL_CERT_FILE", idp.CertificateFile),
                .. Repository.ImageEnvironment().Where(v => v.Name.StartsWith("DOTNET_", StringComparison.Ordinal)), // the image's runtime settings
            ];
            var dll = Path.Combine(app, "MigratieAddin.Api.dll");
            (string What, (string, string)[] Extra)[] variants =
            [
                ("`POST /api/validatie`, published app (ReadyToRun, warm-up before ready)", []),
                ("the same without warm-up (`Opwarmen:Rondes=0`)", [("Opwarmen__Rondes", "0")]),
                ("the same with ReadyToRun code ignored (`DOTNET_ReadyToRun=0`, framework too)", [("DOTNET_ReadyToRun", "0")]),
                ("the same with the .NET default tiering delay (`DOTNET_TC_CallCountingDelayMs=100`)", [("DOTNET_TC_CallCountingDelayMs", "100")]),
                ("the same with the .NET default gen-0 budget (`DOTNET_GCgen0size=0`)", [("DOTNET_GCgen0size", "0")]),
                // Further variants from the command line, each its own row: NAME=value[,NAME=value].
                .. args.Skip(2).Select(a => ($"the same with `{a}`", a.Split(',').Select(p => (p[..p.IndexOf('=')], p[(p.IndexOf('=') + 1)..])).ToArray())),
            ];
            // Round-robin over the variants, one fresh start each per round, so the shared machine's noise falls on all alike.
            var floorStart = () => Started("dotnet", [typeof(KoudBench).Assembly.Location, "vloer", "{port}"], [], "/health");
            var series = variants.Select(_ => new Samples()).ToList();
            var floor = new Samples();
            for (var s = 0; s < starts; s++)
            {
                var last = s == starts - 1;
                await floor.Add(floorStart, http, "/vloer", body, last);
                for (var v = 0; v < variants.Length; v++)
                {
                    var extra = variants[v].Extra;
                    await series[v].Add(() => Started("dotnet", [dll, "--urls", "http://127.0.0.1:{port}"], [.. settings, .. extra], "/health/ready"),
                        http, "/api/validatie", body, last);
                }
            }
            var results = variants.Select((v, i) => (v.What, series[i].Series)).ToList();

            Console.WriteLine();
            Console.WriteLine($"| what ({rowCount} rows, over loopback) | start to ready | 1st call | calls 1–{CallsAfterStart} | warm | 1st call / warm | calls 1–{CallsAfterStart} / warm | warm / floor |");
            Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
            Row("floor: bare ASP.NET endpoint, JsonDocument, one status per row", floor.Series, floor.Series);
            foreach (var (what, result) in results) Row(what, result, floor.Series);
        }
        finally
        {
            work.Delete(recursive: true);
        }
    }

    private static void Row(string what, Series s, Series floor) =>
        Console.WriteLine($"| {what} | {s.Ready.TotalSeconds:0.0} s | {Ms(s.First)} | {Ms(s.FirstCalls)} | {Ms(s.Warm)} | "
            + $"{s.First / s.Warm:0.00}× | {s.FirstCalls / s.Warm:0.00}× | {s.Warm / floor.Warm:0.00}× |");

    private static string Ms(TimeSpan t) => $"{t.TotalMilliseconds:0} ms";

    /// <summary>Per variant, over several fresh starts: time to ready, the first call, the first five calls; and warm (after
    /// 30 more calls, 40 timed) on the last start. Reported as medians.</summary>
    private sealed class Samples
    {
        private readonly List<TimeSpan> _ready = [], _first = [], _firstCalls = [], _warm = [];

        public async Task Add(Func<Task<Server>> start, HttpClient http, string path, byte[] body, bool warm)
        {
            await using var server = await start();
            _ready.Add(server.StartToReady);
            for (var i = 0; i < CallsAfterStart; i++)
            {
                var t = await Post(http, server.Url + path, body);
                if (i == 0) _first.Add(t);
                _firstCalls.Add(t);
            }
            if (!warm) return;
            for (var i = 0; i < 30; i++) await Post(http, server.Url + path, body);
            for (var i = 0; i < 40; i++) _warm.Add(await Post(http, server.Url + path, body));
        }

        public Series Series => new(Median(_ready), Median(_first), Median(_firstCalls), Median(_warm));
    }

    private static TimeSpan Median(List<TimeSpan> times) => times.Order().ElementAt(times.Count / 2);

    private static async Task<TimeSpan> Post(HttpClient http, string url, byte[] body)
    {
        GC.Collect();
        var sw = Stopwatch.StartNew();
        using var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        using var response = await http.PostAsync(url, content);
        await response.Content.ReadAsByteArrayAsync();
        sw.Stop();
        if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"{url} answered {(int)response.StatusCode}");
        return sw.Elapsed;
    }

    /// <summary>Starts a process on a free loopback port and waits until the given path answers 200.</summary>
    private static async Task<Server> Started(string file, string[] arguments, (string, string)[] environment, string readyPath)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(file) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in arguments) info.ArgumentList.Add(a.Replace("{port}", port.ToString()));
        foreach (var (name, value) in environment) info.Environment[name] = value;
        var sw = Stopwatch.StartNew();
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var server = new Server(process, $"http://127.0.0.1:{port}");
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        while (sw.Elapsed < TimeSpan.FromSeconds(60))
        {
            try
            {
                if ((await probe.GetAsync(server.Url + readyPath)).StatusCode == HttpStatusCode.OK)
                    return server with { StartToReady = sw.Elapsed };
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { } // a probe that timed out on a loaded machine: ask again
            if (process.HasExited) break;
            await Task.Delay(20);
        }
        await server.DisposeAsync();
        throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} was not ready within 60 s.");
    }

    private static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    internal static async Task Run(string file, string directory, params string[] arguments)
    {
        var info = new ProcessStartInfo(file) { WorkingDirectory = directory, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new InvalidOperationException($"{file} {string.Join(' ', arguments)} failed ({process.ExitCode}).");
    }

    private sealed record Series(TimeSpan Ready, TimeSpan First, TimeSpan FirstCalls, TimeSpan Warm);

    private sealed record Server(Process Process, string Url) : IAsyncDisposable
    {
        public TimeSpan StartToReady { get; init; }

        public async ValueTask DisposeAsync()
        {
            if (!Process.HasExited)
            {
                Process.Kill(entireProcessTree: true);
                await Process.WaitForExitAsync();
            }
            Process.Dispose();
        }
    }

    /// <summary>The stand-in for the region's Entra ID that .ci/published.sh uses (.ci/oidc-stub.mjs), with a certificate
    /// made here; the API trusts it through SSL_CERT_FILE only.</summary>
    private sealed class IdentityProvider(Process process, string instance, string certificateFile, string token) : IAsyncDisposable
    {
        public string Instance { get; } = instance;
        public string CertificateFile { get; } = certificateFile;
        public string Token { get; } = token;

        public static async Task<IdentityProvider> StartAsync(string root, string work)
        {
            using var rsa = RSA.Create(2048);
            var request = new CertificateRequest("CN=127.0.0.1", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            var san = new SubjectAlternativeNameBuilder();
            san.AddIpAddress(IPAddress.Loopback);
            request.CertificateExtensions.Add(san.Build());
            using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
            var cert = Path.Combine(work, "idp.crt");
            var key = Path.Combine(work, "idp.key");
            await File.WriteAllTextAsync(cert, certificate.ExportCertificatePem());
            await File.WriteAllTextAsync(key, rsa.ExportPkcs8PrivateKeyPem());
            var tokens = Directory.CreateDirectory(Path.Combine(work, "tokens")).FullName;
            var port = FreePort();
            var info = new ProcessStartInfo("node") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { Path.Combine(root, ".ci", "oidc-stub.mjs"), port.ToString(), cert, key, Tenant, ClientId, tokens }) info.ArgumentList.Add(a);
            var process = Process.Start(info)!;
            var listening = new TaskCompletionSource();
            process.OutputDataReceived += (_, e) => { if (e.Data?.StartsWith("listening") == true) listening.TrySetResult(); };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(20));
            return new IdentityProvider(process, $"https://127.0.0.1:{port}/", cert, await File.ReadAllTextAsync(Path.Combine(tokens, "aanbieder.jwt")));
        }

        public async ValueTask DisposeAsync()
        {
            if (!process.HasExited)
            {
                process.Kill();
                await process.WaitForExitAsync();
            }
            process.Dispose();
        }
    }
}

/// <summary>The floor: a bare ASP.NET endpoint that parses the body with JsonDocument and answers one status per row,
/// started as its own process (dotnet MigratieAddin.Benchmarks.dll vloer port).</summary>
internal static class Vloer
{
    public static async Task RunAsync(int port)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 256L * 1024 * 1024);
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        var app = builder.Build();
        app.MapGet("/health", () => "ok");
        app.MapPost("/vloer", async (HttpContext context) =>
        {
            using var document = await JsonDocument.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted);
            context.Response.ContentType = "application/json";
            await using var json = new Utf8JsonWriter(context.Response.BodyWriter);
            json.WriteStartObject();
            json.WriteStartArray("rijen");
            foreach (var rij in document.RootElement.GetProperty("rijen").EnumerateArray())
            {
                json.WriteStartObject();
                json.WriteNumber("rij", rij.GetProperty("rij").GetInt32());
                json.WriteString("status", "ok");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        });
        await app.RunAsync();
    }
}
