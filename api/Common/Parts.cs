using System.Runtime.ExceptionServices;

namespace MigratieAddin.Api;

/// <summary>Work on a large request split into independent parts, run on the machine's cores.</summary>
internal static class Parts
{
    /// <summary>Runs <paramref name="part"/> for every part number below <paramref name="count"/> on up to
    /// <paramref name="cores"/> threads (one part or one core: on the calling thread). A failing part rethrows its own
    /// exception, as one thread would have; the cancellation token is checked between parts.</summary>
    public static void Run(int count, int cores, CancellationToken ct, Action<int> part)
    {
        if (count <= 1 || cores <= 1)
        {
            for (var p = 0; p < count; p++)
            {
                ct.ThrowIfCancellationRequested();
                part(p);
            }
            return;
        }
        try
        {
            Parallel.For(0, count, new ParallelOptions { CancellationToken = ct, MaxDegreeOfParallelism = cores }, part);
        }
        catch (AggregateException e)
        {
            ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }
}
