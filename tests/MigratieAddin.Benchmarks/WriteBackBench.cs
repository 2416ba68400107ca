using System.Diagnostics;
using System.Net;
using MigratieAddin.Tests;

namespace MigratieAddin.Benchmarks;

/// <summary>Checking a large sealed returned workbook, as docs/PERFORMANCE.md reports it: the JSON report and the
/// streamed write-back of Status and Meldingen (?formaat=xlsx), each against a fresh API process of its own, so that
/// process's peak resident set (VmHWM) belongs to that one kind of request.
/// Run: dotnet run -c Release --project tests/MigratieAddin.Benchmarks -- write-back [rows] [runs]</summary>
internal static class WriteBackBench
{
    public static async Task RunAsync(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0]) : 50_000;
        var runs = args.Length > 1 ? int.Parse(args[1]) : 7;
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { Timeout = TimeSpan.FromMinutes(2) };

        // Made by a process of its own, as a gemeente's /api/format/per-aanbieder makes it, so the measured ones start clean.
        byte[] workbook;
        await using (var maker = await StartAsync())
        {
            http.BaseAddress = new Uri(maker.Url);
            workbook = await SealedWorkbooks.MakeAsync(http, rows);
        }
        Console.WriteLine($"{rows:N0} rows, sealed returned workbook of {workbook.Length / 1024.0 / 1024.0:0.0} MB; {runs} timed runs after 2 warm-up runs per kind");

        var json = await MeasureAsync(workbook, "/api/controle", runs);
        var xlsx = await MeasureAsync(workbook, "/api/controle?formaat=xlsx", runs);

        Console.WriteLine();
        Console.WriteLine("| what | median | p90 | slowest | peak resident set of the API (VmHWM) | answer | target |");
        Console.WriteLine("| --- | ---: | ---: | ---: | ---: | ---: | --- |");
        Row($"`POST /api/controle`, {rows:N0} rows: the JSON report", json);
        Row($"`POST /api/controle?formaat=xlsx`, {rows:N0} rows: the workbook with Status and Meldingen", xlsx);

        static void Row(string what, Result r) =>
            Console.WriteLine($"| {what} | {r.Times.Median.TotalSeconds:0.00} s | {r.Times.P90.TotalSeconds:0.00} s | {r.Slowest.TotalSeconds:0.00} s | "
                + $"{r.PeakBytes / 1024 / 1024} MB | {r.AnswerBytes / 1024.0 / 1024.0:0.0} MB | < 10 s, < 600 MB |");
    }

    private sealed record Result(Stats Times, TimeSpan Slowest, long PeakBytes, long AnswerBytes);

    private static Task<ApiProcess> StartAsync() =>
        ApiProcess.StartAsync(("Logging__LogLevel__Default", "Warning"));

    private static async Task<Result> MeasureAsync(byte[] workbook, string route, int runs)
    {
        await using var api = await StartAsync();
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
            { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromMinutes(2) };
        var times = new List<TimeSpan>();
        long answer = 0;
        for (var i = 0; i < runs + 2; i++)
        {
            var watch = Stopwatch.StartNew();
            using var form = new MultipartFormDataContent();
            form.Add(new ByteArrayContent(workbook), "bestand", "terug.xlsx");
            using var response = await http.PostAsync(route, form);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK)
                throw new InvalidOperationException($"{route} answered {(int)response.StatusCode}: {System.Text.Encoding.UTF8.GetString(bytes.AsSpan(0, Math.Min(bytes.Length, 500)))}");
            answer = bytes.Length;
            if (i >= 2) times.Add(watch.Elapsed);
            Console.WriteLine($"  {route} run {i + 1}: {watch.Elapsed.TotalSeconds:0.00} s, VmHWM {api.PeakWorkingSetBytes() / 1024 / 1024} MB");
        }
        var slowest = times.Max();
        return new Result(Stats.Of(times), slowest, api.PeakWorkingSetBytes(), answer);
    }
}
