using System.Diagnostics;
using System.IO.Compression;
using System.Net;
using MigratieAddin.Tests;

namespace MigratieAddin.Benchmarks;

/// <summary>A gemeente that gets many workbooks back at once, as docs/PERFORMANCE.md reports it: 50 sealed returned
/// workbooks of 100 rows each (one gemeente, 50 aanbieders) checked in one POST /api/controle/batch and converted in one
/// POST /api/omzetting/batch, against the API as its own process (Development, local mode, server GC as shipped).
/// Run: dotnet run -c Release --project tests/MigratieAddin.Benchmarks -- batch [workbooks rowsPerWorkbook runs]</summary>
internal static class BatchBench
{
    public static async Task RunAsync(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0]) : 50;
        var rows = args.Length > 1 ? int.Parse(args[1]) : 100;
        var runs = args.Length > 2 ? int.Parse(args[2]) : 10;
        using var catalogus = GeneratedCatalogus.WithAanbieders(Math.Max(count, 1));
        var store = Path.Combine(Path.GetTempPath(), $"bench-batch-{Guid.NewGuid():N}.db");
        try
        {
            await using var api = await ApiProcess.StartAsync(("Logging__LogLevel__Default", "Warning"), ("Catalogus__Map", catalogus.Path), ("Voortgang__Bestand", store));
            using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
            { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromMinutes(2) };

            // Sending: one gemeente's rows over `count` aanbieders, the yellow column filled in (as they come back).
            var workbooks = await WorkbooksAsync(http, GeneratedCatalogus.Rows(count * rows, count, gemeenten: 1, productcode2023: "44A08"));
            if (workbooks.Count != count) throw new InvalidOperationException($"expected {count} workbooks, got {workbooks.Count}");
            Console.WriteLine($"{count} sealed workbooks of {rows} rows, {workbooks.Sum(w => w.Length) / 1024} KB together; 3 warm-up and {runs} timed runs per route");

            var controle = await MeasureAsync(http, "/api/controle/batch", workbooks, runs);
            var omzetting = await MeasureAsync(http, "/api/omzetting/batch", workbooks, runs);
            var samen = await MeasureAsync(http, null, workbooks, runs);

            Console.WriteLine();
            Console.WriteLine("| what | median | p90 | target |");
            Console.WriteLine("| --- | ---: | ---: | --- |");
            Row($"`POST /api/controle/batch`, {count} workbooks of {rows} rows: the report per workbook", controle, "");
            Row($"`POST /api/omzetting/batch`, the same {count}: one omzetlijst (.xlsx)", omzetting, "");
            Row("both, one after the other (checked and converted)", samen, "< 3 s");
            Console.WriteLine($"API peak resident set (VmHWM) after all runs: {api.PeakWorkingSetBytes() / 1024 / 1024} MB");
        }
        finally
        {
            foreach (var file in new[] { store, store + "-wal", store + "-shm" }) File.Delete(file);
        }

        static void Row(string what, Stats s, string target) =>
            Console.WriteLine($"| {what} | {s.Median.TotalSeconds:0.00} s | {s.P90.TotalSeconds:0.00} s | {target} |");
    }

    private static async Task<List<byte[]>> WorkbooksAsync(HttpClient http, byte[] rows)
    {
        using var content = new ByteArrayContent(rows);
        content.Headers.ContentType = new("application/json");
        using var response = await http.PostAsync("/api/format/per-aanbieder", content);
        response.EnsureSuccessStatusCode();
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        var workbooks = new List<byte[]>();
        foreach (var entry in zip.Entries.Where(e => e.Name.EndsWith(".xlsx", StringComparison.Ordinal)))
        {
            using var copy = new MemoryStream();
            using (var open = entry.Open()) open.CopyTo(copy);
            workbooks.Add(copy.ToArray());
        }
        return workbooks;
    }

    /// <summary>Times one route (or, for null, the check and then the conversion) over all workbooks.</summary>
    private static async Task<Stats> MeasureAsync(HttpClient http, string? route, List<byte[]> workbooks, int runs)
    {
        var times = new List<TimeSpan>();
        for (var i = 0; i < runs + 3; i++)
        {
            GC.Collect();
            var watch = Stopwatch.StartNew();
            if (route is null)
            {
                await PostAsync(http, "/api/controle/batch", workbooks);
                await PostAsync(http, "/api/omzetting/batch", workbooks);
            }
            else await PostAsync(http, route, workbooks);
            watch.Stop();
            if (i >= 3) times.Add(watch.Elapsed);
        }
        return Stats.Of(times);
    }

    private static async Task PostAsync(HttpClient http, string route, List<byte[]> workbooks)
    {
        using var form = new MultipartFormDataContent();
        for (var i = 0; i < workbooks.Count; i++) form.Add(new ByteArrayContent(workbooks[i]), "bestand", $"terug-{i + 1:00}.xlsx");
        using var response = await http.PostAsync(route, form);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            throw new InvalidOperationException($"{route} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 500)))}");
    }
}
