using System.Diagnostics;
using System.Net;
using MigratieAddin.Tests;

namespace MigratieAddin.Benchmarks;

/// <summary>Checking a large sealed returned workbook, as docs/PERFORMANCE.md reports it: the JSON report, the streamed
/// write-back of Status and Meldingen (?formaat=xlsx) and the conversion list (/api/omzetting), each kind against a fresh
/// API process of its own (started as the app runs: `dotnet MigratieAddin.Api.dll`, its own GC settings), so that
/// process's peak resident set (VmHWM) belongs to that one kind of request, over several requests one after another.
/// Run: dotnet run -c Release --project tests/MigratieAddin.Benchmarks -- write-back [rows] [runs] [NAME=value[,NAME=value]]...
/// Every NAME=value argument is a variant: the same kinds again, with those environment variables set for the API.</summary>
internal static class WriteBackBench
{
    private const int WarmUp = 2;

    private static readonly string[] Routes = ["/api/controle", "/api/controle?formaat=xlsx", "/api/omzetting"];

    public static async Task RunAsync(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0]) : 50_000;
        var runs = args.Length > 1 ? int.Parse(args[1]) : 7;
        (string Name, (string, string)[] Environment)[] variants =
        [
            ("as shipped", []),
            .. args.Skip(2).Select(a => ($"`{a}`", a.Split(',').Select(p => (p[..p.IndexOf('=')], p[(p.IndexOf('=') + 1)..])).ToArray())),
        ];
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }) { Timeout = TimeSpan.FromMinutes(2) };

        // Made by a process of its own, as a gemeente's /api/format/per-aanbieder makes it, so the measured ones start clean.
        byte[] workbook;
        await using (var maker = await StartAsync([]))
        {
            http.BaseAddress = new Uri(maker.Url);
            workbook = await SealedWorkbooks.MakeAsync(http, rows);
        }
        Console.WriteLine($"{rows:N0} rows, sealed returned workbook of {workbook.Length / 1024.0 / 1024.0:0.0} MB; "
            + $"{WarmUp} warm-up and {runs} timed requests, one after another, per kind and variant, each kind in a fresh API process");

        var results = new List<(string Variant, string Route, Result Result)>();
        foreach (var (name, environment) in variants)
            foreach (var route in Routes)
                results.Add((name, route, await MeasureAsync(workbook, route, runs, environment)));

        Console.WriteLine();
        Console.WriteLine("| what | GC settings | median | p90 | peak resident set (VmHWM) after 1 request | after all | resident (VmRSS) after the last | answer | target |");
        Console.WriteLine("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
        foreach (var (variant, route, r) in results)
            Console.WriteLine($"| `POST {route}`, {rows:N0} rows | {variant} | {r.Times.Median.TotalSeconds:0.00} s | {r.Times.P90.TotalSeconds:0.00} s | "
                + $"{Mb(r.PeakAfterFirst)} | {Mb(r.Peak)} | {Mb(r.ResidentAfterLast)} | {r.AnswerBytes / 1024.0 / 1024.0:0.0} MB | < 10 s, < 600 MB |");

        static string Mb(long bytes) => $"{bytes / 1024 / 1024} MB";
    }

    private sealed record Result(Stats Times, long PeakAfterFirst, long Peak, long ResidentAfterLast, long AnswerBytes);

    private static Task<ApiProcess> StartAsync((string, string)[] environment) =>
        ApiProcess.StartAsync([("Logging__LogLevel__Default", "Warning"), .. environment]);

    private static async Task<Result> MeasureAsync(byte[] workbook, string route, int runs, (string, string)[] environment)
    {
        await using var api = await StartAsync(environment);
        using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
        { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromMinutes(2) };
        var idle = api.ResidentBytes();
        var times = new List<TimeSpan>();
        long answer = 0, first = 0;
        for (var i = 0; i < runs + WarmUp; i++)
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
            if (i >= WarmUp) times.Add(watch.Elapsed);
            if (i == 0) first = api.PeakWorkingSetBytes();
            Console.WriteLine($"  {route} request {i + 1}: {watch.Elapsed.TotalSeconds:0.00} s, VmHWM {api.PeakWorkingSetBytes() / 1024 / 1024} MB, "
                + $"VmRSS {api.ResidentBytes() / 1024 / 1024} MB (idle {idle / 1024 / 1024} MB)");
        }
        return new Result(Stats.Of(times), first, api.PeakWorkingSetBytes(), api.ResidentBytes(), answer);
    }
}
