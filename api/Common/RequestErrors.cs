using System.Buffers;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MigratieAddin.Api;

/// <summary>A request that cannot be handled as sent: becomes a problem+json with a Dutch detail.</summary>
public sealed class RequestException(int status, string detail) : Exception(detail)
{
    public int Status { get; } = status;

    public static RequestException TooLarge(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, Invariant($"Het verzoek is groter dan {maxBytes / (1024 * 1024)} MB. Stuur minder rijen per keer."));
}

/// <summary>Turns the request errors a handler throws (a <see cref="RequestException"/> or a <see cref="WorkbookException"/>)
/// into a Dutch problem+json, for every endpoint of the /api groups.</summary>
public sealed class RequestErrorFilter : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        try
        {
            return await next(context);
        }
        catch (RequestException e)
        {
            return Problems.From(e);
        }
        catch (WorkbookException e)
        {
            return Problems.For(e.Status, e.Message);
        }
    }
}

public static class Problems
{
    public static ProblemHttpResult From(RequestException e) => For(e.Status, e.Message);

    public static ProblemHttpResult For(int status, string detail) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: Title(status));

    /// <summary>Dutch titles for the problems this API answers, so every problem+json is Dutch.</summary>
    public static string Title(int status) => status switch
    {
        400 => "Ongeldig verzoek",
        401 => "Niet aangemeld",
        403 => "Geen toegang",
        404 => "Niet gevonden",
        405 => "Methode niet toegestaan",
        410 => "Niet meer beschikbaar",
        413 => "Verzoek te groot",
        415 => "Soort inhoud niet ondersteund",
        422 => "Kan niet worden verwerkt",
        429 => "Te veel verzoeken",
        503 => "Tijdelijk niet beschikbaar",
        _ when status >= 500 => "Er ging iets mis in de API",
        _ => "Verzoek niet verwerkt",
    };
}

/// <summary>A request body read whole into a buffer rented from the shared pool, so a 4 MB body is not a new large object
/// (and a full garbage collection) on every request. Dispose clears what was read (it may hold personal data) and
/// returns the buffer; the overload that takes a reader does both around it.</summary>
public sealed class RequestBody : IDisposable
{
    private byte[]? _buffer;
    private int _length;

    private RequestBody(int capacity) => _buffer = ArrayPool<byte>.Shared.Rent(capacity);

    public ReadOnlySpan<byte> Span => Memory.Span;

    /// <summary>The body as memory, for a reader that hands parts of it to other threads.</summary>
    public ReadOnlyMemory<byte> Memory => (_buffer ?? throw new ObjectDisposedException(nameof(RequestBody))).AsMemory(0, _length);

    public int Length => _length;

    /// <summary>The rented buffer itself, for the test that a disposed body leaves nothing of the request in it.</summary>
    internal byte[]? RentedBuffer => _buffer;

    /// <summary>Reads the whole body, refusing more than <paramref name="maxBytes"/> (after any decompression).</summary>
    public static async Task<RequestBody> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) throw RequestException.TooLarge(maxBytes);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;

        // The announced length, plus one byte to see the end without a second buffer (a compressed body grows instead).
        var body = new RequestBody(request.ContentLength is { } n ? (int)Math.Min(n + 1, Array.MaxLength) : 64 * 1024);
        var complete = false;
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(body.Free(), ct)) > 0)
            {
                body._length += read;
                if (body._length > maxBytes) throw RequestException.TooLarge(maxBytes);
            }
            complete = true;
            return body;
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw RequestException.TooLarge(maxBytes);
        }
        catch (InvalidDataException)
        {
            throw new RequestException(StatusCodes.Status400BadRequest, "De gecomprimeerde inhoud van het verzoek is beschadigd. Stuur het verzoek opnieuw, eventueel zonder compressie.");
        }
        finally
        {
            if (!complete) body.Dispose();
        }
    }

    /// <summary>Reads the whole body and hands it to <paramref name="read"/>, then clears and returns the buffer at once, so no
    /// caller can use the bytes after that. What <paramref name="read"/> makes must hold copies (rows hold strings of their own).</summary>
    public static async Task<T> ReadAsync<T>(HttpRequest request, long maxBytes, Func<ReadOnlyMemory<byte>, T> read, CancellationToken ct)
    {
        using var body = await ReadAsync(request, maxBytes, ct);
        return read(body.Memory);
    }

    /// <summary>The unused end of the buffer, after moving to one twice the size when it is full.</summary>
    private Memory<byte> Free()
    {
        var buffer = _buffer!;
        if (_length == buffer.Length)
        {
            var larger = ArrayPool<byte>.Shared.Rent((int)Math.Min(2L * buffer.Length, Array.MaxLength));
            buffer.AsSpan(0, _length).CopyTo(larger);
            Return(buffer, _length);
            _buffer = buffer = larger;
        }
        return buffer.AsMemory(_length);
    }

    public void Dispose()
    {
        if (_buffer is { } buffer) Return(buffer, _length);
        _buffer = null;
        _length = 0;
    }

    private static void Return(byte[] buffer, int used)
    {
        Array.Clear(buffer, 0, used);
        ArrayPool<byte>.Shared.Return(buffer);
    }
}
