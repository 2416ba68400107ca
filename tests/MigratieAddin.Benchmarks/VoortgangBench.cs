using System.Diagnostics;
using System.Net;
using MigratieAddin.Api;
using MigratieAddin.Tests;
using Npgsql;

namespace MigratieAddin.Benchmarks;

/// <summary>GET /api/voortgang for a whole region, as docs/PERFORMANCE.md reports it: a store seeded with what 11 gemeenten
/// and 100 aanbieders leave behind (one workbook per pair, most checked once or more, some approved, many converted),
/// SQLite and PostgreSQL side by side, the API as its own process (Development, local mode: the region's view of all).
/// Beside it, in this process, the store's read and the overview for one gemeente's and one aanbieder's scope.
/// PostgreSQL is measured when VOORTGANG_POSTGRES holds a connection string (source .ci/postgres.sh; postgres_start).
/// Run: dotnet run -c Release --project tests/MigratieAddin.Benchmarks -- voortgang [runs]</summary>
internal static class VoortgangBench
{
    // Recent enough that the API's retention (Voortgang:BewaarDagen, 180 by default) keeps every record at its start.
    private static readonly DateTimeOffset Start = DateTimeOffset.UtcNow.Date.AddDays(-40);

    public static async Task RunAsync(string[] args)
    {
        var runs = args.Length > 0 ? int.Parse(args[0]) : 40;
        using var catalogusFolder = GeneratedCatalogus.WithAanbieders(100);
        var catalogus = CatalogusLoader.LoadFromFolder(catalogusFolder.Path);
        var gemeenten = catalogus.Gemeenten.Select(g => g.Cbscode).ToList();
        var aanbieders = catalogus.Aanbieders.Select(a => a.Agb).Where(a => a.StartsWith("970", StringComparison.Ordinal)).ToList();
        Console.WriteLine($"{gemeenten.Count} gemeenten x {aanbieders.Count} aanbieders; 20 warm-up and {runs} timed runs each");

        var sqliteFile = Path.Combine(Path.GetTempPath(), $"bench-voortgang-{Guid.NewGuid():N}.db");
        var results = new List<(string Soort, Result Result)>();
        try
        {
            results.Add(("SQLite", await MeasureAsync(Voortgangsopslag.Sqlite(sqliteFile), ("Voortgang__Bestand", sqliteFile),
                catalogusFolder.Path, catalogus, gemeenten, aanbieders, runs)));
            if (Environment.GetEnvironmentVariable("VOORTGANG_POSTGRES") is { Length: > 0 } admin)
            {
                var database = await NewPostgresDatabase(admin);
                results.Add(("PostgreSQL", await MeasureAsync(Voortgangsopslag.Postgres(database), ("ConnectionStrings__Voortgang", database),
                    catalogusFolder.Path, catalogus, gemeenten, aanbieders, runs)));
            }
            else Console.WriteLine("VOORTGANG_POSTGRES is not set: PostgreSQL not measured.");
        }
        finally
        {
            foreach (var file in new[] { sqliteFile, sqliteFile + "-wal", sqliteFile + "-shm" }) File.Delete(file);
        }

        Console.WriteLine();
        Console.WriteLine($"| what | {string.Join(" | ", results.Select(r => $"{r.Soort} median | {r.Soort} p90"))} | target |");
        Console.WriteLine($"| --- | {string.Join(" | ", results.Select(_ => "---: | ---:"))} | --- |");
        Row($"`GET /api/voortgang`, the region's view ({results[0].Result.Lines} lines), JSON over loopback", r => r.Json, "< 100 ms");
        Row("`GET /api/voortgang?formaat=xlsx`, the same as a workbook with a chart", r => r.Xlsx, "");
        Row("in-process: store read + overview for one gemeente (100 aanbieders)", r => r.Gemeente, "");
        Row("in-process: store read + overview for one aanbieder (11 gemeenten)", r => r.Aanbieder, "");
        Row("in-process: store read alone, the whole region", r => r.Lezen, "");
        Row("in-process: the overview from what was read (lines, steps, order), the whole region", r => r.Stand, "");
        Row("in-process: the overview serialised to JSON, the whole region", r => r.Serialise, "");

        void Row(string what, Func<Result, Stats> pick, string target) =>
            Console.WriteLine($"| {what} | {string.Join(" | ", results.Select(r => $"{pick(r.Result).Median.TotalMilliseconds:0.0} ms | {pick(r.Result).P90.TotalMilliseconds:0.0} ms"))} | {target} |");
    }

    /// <summary>The API's own JSON options: the source-generated context first, then reflection.</summary>
    private static readonly System.Text.Json.JsonSerializerOptions Web = WebOptions();

    private static System.Text.Json.JsonSerializerOptions WebOptions()
    {
        var options = new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web);
        options.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default);
        options.TypeInfoResolverChain.Add(new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver());
        return options;
    }

    private sealed record Result(int Lines, Stats Json, Stats Xlsx, Stats Gemeente, Stats Aanbieder, Stats Lezen, Stats Stand, Stats Serialise);

    private static async Task<Result> MeasureAsync(Voortgangsopslag opslag, (string, string) setting, string catalogusMap, Catalogus catalogus,
        List<string> gemeenten, List<string> aanbieders, int runs)
    {
        await opslag.MigrateAsync(default);
        var seeding = Stopwatch.StartNew();
        var records = await SeedAsync(opslag, gemeenten, aanbieders);
        Console.WriteLine($"{opslag.Soort}: {records} records seeded in {seeding.Elapsed.TotalSeconds:0.0} s");

        await using var api = await ApiProcess.StartAsync(("Logging__LogLevel__Default", "Warning"), ("Catalogus__Map", catalogusMap), setting);
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
        { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromMinutes(1) };
        var first = System.Text.Json.JsonDocument.Parse(await http.GetStringAsync("/api/voortgang")).RootElement;
        var lines = first.GetProperty("regels").GetArrayLength();
        if (lines != gemeenten.Count * aanbieders.Count)
            throw new InvalidOperationException($"the overview has {lines} lines, not one per gemeente and aanbieder: the API reads another store?");

        var json = await TimeAsync(runs, async () => (await http.GetByteArrayAsync("/api/voortgang")).Length);
        var xlsx = await TimeAsync(runs, async () => (await http.GetByteArrayAsync("/api/voortgang?formaat=xlsx")).Length);
        var vandaag = DateOnly.FromDateTime(DateTime.Today);
        var zwolle = new Zicht(new HashSet<string> { gemeenten[0] }, null);
        var aanbieder = new Zicht(null, new HashSet<string> { aanbieders[^1] });
        var gemeente = await TimeAsync(runs, async () =>
            Voortgang.Stand(await opslag.LeesAsync(zwolle.Gemeenten, null, default), catalogus, vandaag, zwolle).Regels.Count);
        var eigen = await TimeAsync(runs, async () =>
            Voortgang.Stand(await opslag.LeesAsync(null, aanbieder.Aanbieders, default), catalogus, vandaag, aanbieder).Regels.Count);
        var lezen = await TimeAsync(runs, async () => (await opslag.LeesAsync(null, null, default)).Count);
        var alles = await opslag.LeesAsync(null, null, default);
        var stand = await TimeAsync(runs, () => Task.FromResult(Voortgang.Stand(alles, catalogus, vandaag, Zicht.Alles).Regels.Count));
        var overzicht = Voortgang.Stand(alles, catalogus, vandaag, Zicht.Alles);
        var serialise = await TimeAsync(runs, () => Task.FromResult(
            System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(overzicht, Web).Length));
        Console.WriteLine($"{opslag.Soort}: JSON answer {(await http.GetByteArrayAsync("/api/voortgang")).Length / 1024} KB");
        return new Result(lines, json, xlsx, gemeente, eigen, lezen, stand, serialise);
    }

    /// <summary>What a region's migration leaves behind by early January: per gemeente and aanbieder one sent workbook
    /// (8 to 60 rows); 9 in 10 returned and checked (a third of those checked again after corrections); approvals on one
    /// in four; six in ten converted. Codes, ids, counts and times only, as the API records them.</summary>
    private static async Task<int> SeedAsync(Voortgangsopslag opslag, List<string> gemeenten, List<string> aanbieders)
    {
        var random = new Random(13);
        var records = 0;
        var n = 0;
        foreach (var gemeente in gemeenten)
            foreach (var aanbieder in aanbieders)
            {
                var id = Sealer.NewId();
                var rijen = random.Next(8, 61);
                var moment = Start.AddMinutes(n++);
                await opslag.BewaarAsync(new WerkboekGemaakt(id, gemeente, aanbieder, rijen, moment), default);
                records++;
                if (random.Next(10) == 0) continue; // not returned yet
                var checks = random.Next(3) == 0 ? 2 : 1;
                for (var c = 0; c < checks; c++)
                {
                    var fout = c == checks - 1 ? random.Next(2) : random.Next(1, 5);
                    var overleg = random.Next(4);
                    var onvolledig = random.Next(3);
                    var ok = Math.Max(0, rijen - fout - overleg - onvolledig);
                    await opslag.BewaarAsync(new ControleGedaan(id, gemeente, aanbieder, moment.AddDays(8 + c), new Telling(ok, onvolledig, overleg, fout),
                        true, random.Next(3), 0, random.Next(2)), default);
                    records++;
                }
                if (random.Next(4) == 0)
                    for (var a = random.Next(1, 4); a > 0; a--, records++)
                        await opslag.BewaarAsync(new AkkoordGegeven(id, moment.AddDays(10)), default);
                if (random.Next(10) < 6)
                {
                    await opslag.BewaarAsync(new OmzettingGedaan(id, gemeente, aanbieder, moment.AddDays(12), rijen - random.Next(3), random.Next(3)), default);
                    records++;
                }
            }
        return records;
    }

    private static async Task<string> NewPostgresDatabase(string admin)
    {
        var name = $"bench_voortgang_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
    }

    private static async Task<Stats> TimeAsync(int runs, Func<Task<int>> action)
    {
        for (var i = 0; i < 20; i++) await action();
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs; i++)
        {
            GC.Collect();
            var watch = Stopwatch.StartNew();
            GC.KeepAlive(await action());
            times.Add(watch.Elapsed);
        }
        return Stats.Of(times);
    }
}
