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

public static class RequestBody
{
    /// <summary>Reads the whole body, refusing more than <paramref name="maxBytes"/> (after any decompression).</summary>
    public static async Task<byte[]> ReadAsync(HttpRequest request, long maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes) throw RequestException.TooLarge(maxBytes);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes;

        using var buffer = new MemoryStream(request.ContentLength is { } n ? (int)Math.Min(n, maxBytes) : 64 * 1024);
        var chunk = new byte[81920];
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
            {
                if (buffer.Length + read > maxBytes) throw RequestException.TooLarge(maxBytes);
                buffer.Write(chunk, 0, read);
            }
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            throw RequestException.TooLarge(maxBytes);
        }
        catch (InvalidDataException)
        {
            throw new RequestException(StatusCodes.Status400BadRequest, "De gecomprimeerde inhoud van het verzoek is beschadigd. Stuur het verzoek opnieuw, eventueel zonder compressie.");
        }
        // A body of exactly the announced length already fills the buffer: hand it over instead of copying megabytes again.
        return buffer.Length == buffer.Capacity ? buffer.GetBuffer() : buffer.ToArray();
    }
}
