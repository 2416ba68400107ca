using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

using MigratieAddin.Tests;

namespace MigratieAddin.Load;

/// <summary>Load on POST /api/validatie over loopback, with sign-in on and the production rate limiter: N clients in a
/// closed loop without think time, each with its own locally minted token, each posting 500-row validations.
/// Bounded in time; stops by itself. Run: dotnet run -c Release --project tests/MigratieAddin.Load [-- clients seconds rows]</summary>
internal static class LoadTest
{

    public static async Task<int> Main(string[] args)
    {
        var clients = args.Length > 0 ? int.Parse(args[0]) : 25;
        var seconds = args.Length > 1 ? int.Parse(args[1]) : 60;
        var rowsPerRequest = args.Length > 2 ? int.Parse(args[2]) : 500;

        using var signedIn = new SignedInApi("Production");
        using var api = signedIn.WithWebHostBuilder(b => b.UseSolutionRelativeContentRoot("api").UseSetting("Logging:LogLevel:Default", "Warning"));
        api.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        api.StartServer();
        var address = api.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var body = Body(rowsPerRequest);
        Console.WriteLine($"{clients} clients, {seconds} s, {rowsPerRequest} rows ({body.Length / 1024} KB) per request, against {address} (loopback)");

        var latencies = new List<double>[clients];
        var errors = new int[clients];
        var statusCounts = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var process = Process.GetCurrentProcess();
        var stop = DateTime.UtcNow.AddSeconds(seconds);
        long workingSetAt10 = 0;
        var sampler = Task.Run(async () =>
        {
            await Task.Delay(TimeSpan.FromSeconds(Math.Min(10, seconds / 2.0)));
            process.Refresh();
            workingSetAt10 = process.WorkingSet64;
        });
        var watch = Stopwatch.StartNew();
        var tasks = Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            latencies[c] = [];
            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1 }) { Timeout = TimeSpan.FromSeconds(30) };
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SignedInApi.Token(["Aanbieder"])); // each its own oid
            while (DateTime.UtcNow < stop)
            {
                using var content = new ByteArrayContent(body);
                content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                var started = Stopwatch.GetTimestamp();
                try
                {
                    using var response = await http.PostAsync(address + "/api/validatie", content);
                    await response.Content.ReadAsByteArrayAsync();
                    latencies[c].Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                    statusCounts.AddOrUpdate((int)response.StatusCode, 1, (_, n) => n + 1);
                    if (response.StatusCode != HttpStatusCode.OK) errors[c]++;
                }
                catch (Exception)
                {
                    errors[c]++;
                    statusCounts.AddOrUpdate(0, 1, (_, n) => n + 1);
                }
            }
        })).ToArray();
        await Task.WhenAll(tasks);
        watch.Stop();
        await sampler;
        process.Refresh();
        var workingSetEnd = process.WorkingSet64;

        var all = latencies.SelectMany(l => l).Order().ToList();
        double Percentile(double p) => all.Count == 0 ? 0 : all[Math.Min(all.Count - 1, (int)Math.Ceiling(p * all.Count) - 1)];
        var total = all.Count + errors.Sum() - statusCounts.Where(s => s.Key != 0 && s.Key != 200).Sum(s => s.Value);
        Console.WriteLine();
        Console.WriteLine("| requests | requests/s | p50 | p99 | max | errors | working set at 10 s | at the end | change |");
        Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
        Console.WriteLine($"| {all.Count} | {all.Count / watch.Elapsed.TotalSeconds:0.0} | {Percentile(0.50):0} ms | {Percentile(0.99):0} ms | {all.LastOrDefault():0} ms | {errors.Sum()} | "
            + $"{workingSetAt10 / 1024 / 1024} MB | {workingSetEnd / 1024 / 1024} MB | {(workingSetEnd - workingSetAt10) * 100.0 / Math.Max(1, workingSetAt10):+0;-0} % |");
        Console.WriteLine($"status codes: {string.Join(", ", statusCounts.OrderBy(s => s.Key).Select(s => $"{(s.Key == 0 ? "exception" : s.Key.ToString())}: {s.Value}"))}");
        return errors.Sum() == 0 ? 0 : 1;
    }

    /// <summary>500 realistic rows in fase aanbieder: valid toewijzingen with the standard 2023 product filled in.</summary>
    private static byte[] Body(int count)
    {
        var rijen = new JsonArray();
        for (var i = 0; i < count; i++)
            rijen.Add(new JsonObject
            {
                ["rij"] = i + 2,
                ["waarden"] = new JsonObject
                {
                    ["gemeentecode"] = "0193",
                    ["aanbiederAgb"] = "98000022",
                    ["aanbiederNaam"] = "Bètahuis Gezinshuizen",
                    ["bsn"] = TestBsn.Make(i),
                    ["naam"] = $"Jeugdige {i}",
                    ["geboortedatum"] = 40000 + i % 1500,
                    ["toewijzingnummer"] = 500_000_000 + i,
                    ["productcategorie2022"] = "44",
                    ["productcode2022"] = "44301",
                    ["ingangsdatum"] = 44621,
                    ["einddatum"] = 45291,
                    ["volume"] = 7,
                    ["eenheid"] = "14",
                    ["frequentie"] = 2,
                    ["productcode2023"] = i % 10 == 0 ? "44A09" : "44A08",
                },
            });
        return Encoding.UTF8.GetBytes(new JsonObject { ["fase"] = "aanbieder", ["rijen"] = rijen }.ToJsonString());
    }
}
