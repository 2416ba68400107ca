using System.Diagnostics;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using MigratieAddin.Api;

namespace MigratieAddin.Benchmarks;

/// <summary>Where a warm POST /api/validatie spends its time, stage by stage, in-process (no HTTP): the floor's
/// JsonDocument parse beside reading the body into rows, the rules, and writing the answer.
/// Run: dotnet run -c Release --project tests/MigratieAddin.Benchmarks -- stadia [rows runs [typen]]</summary>
internal static class Stadia
{
    public static async Task RunAsync(string[] args)
    {
        var rowCount = args.Length > 0 ? int.Parse(args[0]) : 10_000;
        var runs = args.Length > 1 ? int.Parse(args[1]) : 40;
        var catalogus = CatalogusLoader.LoadEmbedded();
        var validator = new Validator(catalogus, new Sealer(Encoding.UTF8.GetBytes(VerzegelingOptions.DevelopmentSleutel)));
        var json = BenchRows.Json(catalogus, rowCount);
        var rows = RowsRequestReader.Read(json, int.MaxValue).Rijen;
        var answer = validator.Validate(rows, Fase.Aanbieder);
        var size = JsonSerializer.SerializeToUtf8Bytes(answer, ApiJsonContext.Default.Beoordeling).Length;
        Console.WriteLine($"{rowCount} rows, {json.Length / 1024.0 / 1024.0:0.0} MB request, {size / 1024.0:0} KB answer, GC {(System.Runtime.GCSettings.IsServerGC ? "server" : "workstation")}");

        Console.WriteLine("| stage | median | p90 | allocated |");
        Console.WriteLine("| --- | ---: | ---: | ---: |");
        Row("floor: JsonDocument.Parse of the body", Measure(runs, () => { using var d = JsonDocument.Parse(json); return d.RootElement.GetProperty("rijen").GetArrayLength(); }));
        Row("RowsRequestReader.Read: body into rows of cells, on one core", Measure(runs, () => RowsRequestReader.Read(json, int.MaxValue, true, 1, default).Rijen.Count));
        Row($"RowsRequestReader.Read: the same in parts on the machine's {Environment.ProcessorCount} cores", Measure(runs, () => RowsRequestReader.Read(json, int.MaxValue).Rijen.Count));
        Row("Validator.Validate: the rules and the cross-row index", Measure(runs, () => validator.Validate(rows, Fase.Aanbieder).Rijen.Count));
        var readRows = rows.Select((r, i) => new ReadRow(r, i, catalogus)).ToArray();
        Row("of which the cross-row index alone (RowRelations, one thread)", Measure(runs, () => new RowRelations(readRows, catalogus.Regio.IngangsdatumNieuw)));
        Row("writing the answer the way TypedResults.Ok does (the resumable streaming path)", await MeasureAsync(runs, async () =>
        {
            await JsonSerializer.SerializeAsync(Stream.Null, answer, ApiJsonContext.Default.Beoordeling);
            return 0;
        }));
        Row("writing the answer in one go on one thread (JsonAnswer)", await MeasureAsync(runs, () => Write(answer, new JsonAnswer<Beoordeling>(answer, ApiJsonContext.Default.Beoordeling))));
        Row("writing the answer the way the handler does (BeoordelingInParts, rows in parts)", await MeasureAsync(runs, () => Write(answer)));
        async Task<int> AllThree()
        {
            var read = RowsRequestReader.Read(json, int.MaxValue);
            return await Write(validator.Validate(read.Rijen, read.Fase!.Value));
        }
        using var sampler = args.Contains("typen") ? new AllocationSampler() : null;
        sampler?.Clear();
        Row("all three, as the handler runs them", await MeasureAsync(runs, AllThree));
        Row("all three, back to back without a collection in between (as a server runs them)", await MeasureAsync(runs, AllThree, collectFirst: false));
        if (sampler is null) return;
        Console.WriteLine($"allocated by type over the {2 * (30 + runs)} runs of both rows of all three (sampled every 100 KB):");
        sampler.Print(25);
    }

    /// <summary>The report written as POST /api/validatie writes it, into a response that goes nowhere.</summary>
    private static async Task<int> Write(Beoordeling report, IResult? answer = null)
    {
        var context = new DefaultHttpContext();
        context.Response.Body = Stream.Null;
        await (answer ?? BeoordelingInParts.Answer(report)).ExecuteAsync(context);
        return report.Rijen.Count;
    }

    private static void Row(string what, Measured s) =>
        Console.WriteLine($"| {what} | {s.Median.TotalMilliseconds:0.0} ms | {s.P90.TotalMilliseconds:0.0} ms | {s.Bytes / 1024.0 / 1024.0:0.0} MB |");

    private sealed record Measured(TimeSpan Median, TimeSpan P90, long Bytes);

    private static Measured Measure<T>(int n, Func<T> action) => MeasureAsync(n, () => Task.FromResult(action())).GetAwaiter().GetResult();

    private static async Task<Measured> MeasureAsync<T>(int n, Func<Task<T>> action, bool collectFirst = true)
    {
        for (var i = 0; i < 30; i++) await action();
        var times = new List<TimeSpan>();
        var bytes = new List<long>();
        for (var i = 0; i < n; i++)
        {
            if (collectFirst)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
            }
            var before = GC.GetTotalAllocatedBytes(precise: true);
            var sw = Stopwatch.StartNew();
            GC.KeepAlive(await action());
            times.Add(sw.Elapsed);
            bytes.Add(GC.GetTotalAllocatedBytes(precise: true) - before);
        }
        var all = Stats.Of(times);
        bytes.Sort();
        return new Measured(all.Median, all.P90, bytes[bytes.Count / 2]);
    }
}
