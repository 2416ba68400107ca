using System.Buffers;
using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Http.Metadata;

namespace MigratieAddin.Api;

/// <summary>The report as a 200, written in one go as <see cref="JsonAnswer{T}"/> writes any answer; a large report's rows
/// are written in parts on the machine's cores into pooled buffers and then sent in order. The bytes are exactly the
/// serialiser's: only the commas between the parts' rows are put in here.</summary>
public sealed class BeoordelingAnswer(Beoordeling report)
    : IResult, IValueHttpResult, IValueHttpResult<Beoordeling>, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    private static readonly byte[] RowsOpen = "{\"rijen\":["u8.ToArray();

    public Beoordeling Value { get; } = report;
    object? IValueHttpResult.Value => Value;
    public int? StatusCode => StatusCodes.Status200OK;
    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        Write(response.BodyWriter, Value, Environment.ProcessorCount);
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    internal static void Write(IBufferWriter<byte> output, Beoordeling report, int cores)
    {
        var rows = report.Rijen;
        var count = (rows.Count + Validator.RowsPerPart - 1) / Validator.RowsPerPart;
        // Everything but the rows, as the serialiser writes it: {"rijen":[],"meldingen":[...],"telling":{...}}.
        var rest = count < 2 || cores < 2 ? null : JsonSerializer.SerializeToUtf8Bytes(report with { Rijen = [] }, ApiJsonContext.Default.Beoordeling);
        if (rest is null || !rest.AsSpan().StartsWith(RowsOpen) || rest[RowsOpen.Length] != (byte)']')
        {
            using var writer = new Utf8JsonWriter(output);
            JsonSerializer.Serialize(writer, report, ApiJsonContext.Default.Beoordeling);
            return;
        }

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
        }
        finally
        {
            foreach (var part in parts) part?.Dispose();
        }
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(Beoordeling), ["application/json"]));

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
