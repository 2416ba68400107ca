using System.Diagnostics;
using System.Net;
using System.Text;
using MigratieAddin.Api;
using MigratieAddin.Tests;

namespace MigratieAddin.Benchmarks;

/// <summary>Where checking a large sealed returned workbook allocates, step by step, in this process: bytes allocated
/// (GC.GetAllocatedBytesForCurrentThread) and what stays live afterwards (GC.GetTotalMemory after a full collection).
/// Run: dotnet run -c Release --project tests/MigratieAddin.Benchmarks -- write-back-allocaties [rows] [runs]</summary>
internal static class WriteBackAllocations
{
    public static async Task RunAsync(string[] args)
    {
        var rows = args.Length > 0 ? int.Parse(args[0]) : 50_000;
        var runs = args.Length > 1 ? int.Parse(args[1]) : 3;
        byte[] workbook;
        await using (var maker = await ApiProcess.StartAsync(("Logging__LogLevel__Default", "Warning")))
        {
            using var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None })
            { BaseAddress = new Uri(maker.Url), Timeout = TimeSpan.FromMinutes(2) };
            workbook = await SealedWorkbooks.MakeAsync(http, rows);
        }
        var catalogus = CatalogusLoader.LoadEmbedded();
        var sealer = new Sealer(Encoding.UTF8.GetBytes(VerzegelingOptions.DevelopmentSleutel));
        var validator = new Validator(catalogus, sealer);
        var options = new WerkboekOptions();
        Console.WriteLine($"{rows:N0} rows, {workbook.Length / 1024.0 / 1024.0:0.0} MB; server GC: {System.Runtime.GCSettings.IsServerGC}");

        using var sampler = args.Contains("typen") ? new AllocationSampler() : null;
        for (var run = 0; run < runs; run++)
        {
            Console.WriteLine($"run {run + 1}");
            var baseline = Live();
            ReturnedWorkbook read = null!;
            Step("ReturnedWorkbook.Read", () => read = ReturnedWorkbook.Read(workbook, options, catalogus.Regio), baseline);
            Judgement judgement = null!;
            Step("Validator.Judge (fase controle, with the seal)", () => judgement = validator.Judge(read.Rows, Fase.Controle, read.Verzegeling), baseline);
            byte[] json = [];
            Step("JSON report", () => json = System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(judgement.Beoordeling, ApiJsonContext.Default.Beoordeling), baseline);
            byte[] filled = [];
            Step("StatusWriter.Fill", () => filled = StatusWriter.Fill(workbook, read, judgement.Beoordeling), baseline);
            Omzetlijst? lijst = null;
            Step("Omzetlijst.Maak", () => lijst = Omzetlijst.Maak(judgement, catalogus, sealer), baseline);
            byte[] omzet = [];
            Step("Omzetlijst.Xlsx", () => omzet = lijst!.Xlsx(), baseline);
            Console.WriteLine($"  answers: JSON {json.Length / 1024 / 1024} MB, xlsx {filled.Length / 1024 / 1024} MB, omzetlijst {omzet.Length / 1024 / 1024} MB");
            GC.KeepAlive(read);
        }

        void Step(string what, Action action, long baseline)
        {
            sampler?.Clear();
            var before = GC.GetAllocatedBytesForCurrentThread();
            var watch = Stopwatch.StartNew();
            action();
            watch.Stop();
            var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine($"  {what,-50} {watch.Elapsed.TotalSeconds,6:0.00} s  allocated {allocated / 1024 / 1024,5} MB  live since start {(Live() - baseline) / 1024 / 1024,5} MB");
            sampler?.Print(8);
        }

        static long Live()
        {
            GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
            GC.WaitForPendingFinalizers();
            return GC.GetTotalMemory(forceFullCollection: true);
        }
    }
}

/// <summary>The runtime's allocation ticks (one event per ~100 KB allocated, naming the type that crossed it), summed per
/// type: a sampling allocation profile without tools.</summary>
internal sealed class AllocationSampler : System.Diagnostics.Tracing.EventListener
{
    private readonly Dictionary<string, long> _bytes = [];

    protected override void OnEventSourceCreated(System.Diagnostics.Tracing.EventSource source)
    {
        if (source.Name == "Microsoft-Windows-DotNETRuntime")
            EnableEvents(source, System.Diagnostics.Tracing.EventLevel.Verbose, (System.Diagnostics.Tracing.EventKeywords)0x1);
    }

    protected override void OnEventWritten(System.Diagnostics.Tracing.EventWrittenEventArgs e)
    {
        if (e.EventName is not { } name || !name.StartsWith("GCAllocationTick", StringComparison.Ordinal) || e.Payload is null) return;
        var type = e.PayloadNames!.IndexOf("TypeName") is var t and >= 0 ? e.Payload[t]?.ToString() ?? "?" : "?";
        var kind = e.PayloadNames.IndexOf("AllocationKind") is var k and >= 0 && Convert.ToInt32(e.Payload[k]) == 1 ? " (LOH)" : "";
        var amount = e.PayloadNames.IndexOf("AllocationAmount64") is var a and >= 0 ? Convert.ToInt64(e.Payload[a]) : 100_000;
        lock (_bytes) _bytes[type + kind] = _bytes.GetValueOrDefault(type + kind) + amount;
    }

    public void Clear()
    {
        Thread.Sleep(200);
        lock (_bytes) _bytes.Clear();
    }

    public void Print(int top)
    {
        Thread.Sleep(500); // events arrive on a thread of their own
        lock (_bytes)
            foreach (var (type, bytes) in _bytes.OrderByDescending(b => b.Value).Take(top))
                Console.WriteLine($"      {bytes / 1024.0 / 1024,8:0.0} MB  {type}");
    }
}
