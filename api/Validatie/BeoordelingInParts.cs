using System.Buffers;
using System.Text.Json;

namespace MigratieAddin.Api;

/// <summary>The report as the answer of a route: a large report's rows are written in parts on the machine's cores into
/// pooled buffers and then sent in order. The bytes are exactly the serialiser's: only the commas between the parts'
/// rows are put in here.</summary>
public static class BeoordelingInParts
{
    private static readonly byte[] RowsOpen = "{\"rijen\":["u8.ToArray();

    public static JsonAnswer<Beoordeling> Answer(Beoordeling report) =>
        new(report, ApiJsonContext.Default.Beoordeling, (output, value) => TryWrite(output, value, Environment.ProcessorCount));

    /// <summary>Writes the report in parts, if it has more than one part of rows and there is more than one core; false
    /// when it wrote nothing (the caller then writes it in one go).</summary>
    internal static bool TryWrite(IBufferWriter<byte> output, Beoordeling report, int cores)
    {
        var rows = report.Rijen;
        var count = (rows.Count + Validator.RowsPerPart - 1) / Validator.RowsPerPart;
        if (count < 2 || cores < 2) return false;
        // Everything but the rows, as the serialiser writes it: {"rijen":[],"meldingen":[...],"telling":{...}}.
        var rest = JsonSerializer.SerializeToUtf8Bytes(report with { Rijen = [] }, ApiJsonContext.Default.Beoordeling);
        if (!rest.AsSpan().StartsWith(RowsOpen) || rest[RowsOpen.Length] != (byte)']') return false;

        var parts = new PooledBuffer[count];
        try
        {
            Parts.Run(count, cores, CancellationToken.None, p =>
            {
                var buffer = parts[p] = new PooledBuffer();
                using var writer = new Utf8JsonWriter(buffer);
                writer.WriteStartArray();
                for (var i = p * Validator.RowsPerPart; i < Math.Min(rows.Count, (p + 1) * Validator.RowsPerPart); i++)
                    JsonSerializer.Serialize(writer, rows[i], ApiJsonContext.Default.RijUitslag);
                writer.WriteEndArray();
            });
            output.Write(RowsOpen);
            for (var p = 0; p < count; p++)
            {
                if (p > 0) output.Write(","u8);
                output.Write(parts[p].Written[1..^1]); // the part's rows without its brackets
            }
            output.Write(rest.AsSpan(RowsOpen.Length));
            return true;
        }
        finally
        {
            foreach (var part in parts) part?.Dispose();
        }
    }

    /// <summary>Bytes written into a buffer rented from the shared pool, which grows by renting a larger one.</summary>
    private sealed class PooledBuffer : IBufferWriter<byte>, IDisposable
    {
        private byte[] _buffer = ArrayPool<byte>.Shared.Rent(128 * 1024);
        private int _written;

        public ReadOnlySpan<byte> Written => _buffer.AsSpan(0, _written);

        public void Advance(int count) => _written += count;

        public Memory<byte> GetMemory(int sizeHint = 0) => Ensure(sizeHint).AsMemory(_written);

        public Span<byte> GetSpan(int sizeHint = 0) => Ensure(sizeHint).AsSpan(_written);

        private byte[] Ensure(int sizeHint)
        {
            if (_buffer.Length - _written >= Math.Max(sizeHint, 1)) return _buffer;
            var larger = ArrayPool<byte>.Shared.Rent(Math.Max(2 * _buffer.Length, _written + sizeHint));
            Written.CopyTo(larger);
            ArrayPool<byte>.Shared.Return(_buffer);
            return _buffer = larger;
        }

        public void Dispose() => ArrayPool<byte>.Shared.Return(_buffer); // a report holds no personal data
    }
}
