using Microsoft.AspNetCore.Http.Features;

namespace MigratieAddin.Api;

/// <summary>Reads a multipart upload with the file in the field 'bestand', within the endpoint's size limit.</summary>
public static class Upload
{
    public static async Task<(byte[] File, IFormCollection Form)> ReadAsync(HttpRequest request, long maxBytes, string wat, CancellationToken ct)
    {
        if (!request.HasFormContentType)
            throw new RequestException(StatusCodes.Status415UnsupportedMediaType, $"Upload {wat} als multipart/form-data in het veld 'bestand'.");
        if (request.ContentLength > maxBytes + 1024 * 1024) throw RequestException.TooLarge(maxBytes);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + 1024 * 1024;
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
        {
            MultipartBodyLengthLimit = maxBytes, ValueCountLimit = 64, ValueLengthLimit = 1024 * 1024,
            // Keep the upload in memory: ASP.NET would otherwise buffer files over 64 KB in the temp folder, and rows
            // must not outlive their request anywhere.
            MemoryBufferThreshold = (int)Math.Min(maxBytes + 1, int.MaxValue),
        }));
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            throw e is BadHttpRequestException { StatusCode: 413 } || e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase)
                ? RequestException.TooLarge(maxBytes)
                : new RequestException(StatusCodes.Status400BadRequest, $"Het formulier kon niet worden gelezen. Upload {wat} opnieuw in het veld 'bestand'.");
        }
        var file = form.Files.GetFile("bestand")
            ?? throw new RequestException(StatusCodes.Status400BadRequest, $"Kies {wat} (veld 'bestand').");
        if (file.Length > maxBytes) throw RequestException.TooLarge(maxBytes);
        using var content = new MemoryStream((int)file.Length);
        await file.CopyToAsync(content, ct);
        return (content.ToArray(), form);
    }
}

/// <summary>How many uploads one instance handles at once (Limieten:Werkboek:GelijktijdigeUploads): each may hold a large
/// workbook in memory, so more wait outside with a 503 and Retry-After instead of exhausting the process.</summary>
public sealed class UploadLimit(Microsoft.Extensions.Options.IOptions<WerkboekOptions> options) : IEndpointFilter, IDisposable
{
    public const int RetryAfterSeconds = 5;

    private readonly System.Threading.RateLimiting.ConcurrencyLimiter _limiter = new(new System.Threading.RateLimiting.ConcurrencyLimiterOptions
    {
        PermitLimit = Math.Max(1, options.Value.GelijktijdigeUploads), QueueLimit = 0,
    });

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        using var lease = _limiter.AttemptAcquire();
        if (!lease.IsAcquired)
        {
            context.HttpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.For(StatusCodes.Status503ServiceUnavailable,
                $"De API verwerkt nu al {options.Value.GelijktijdigeUploads} uploads tegelijk. Probeer het over {RetryAfterSeconds} seconden opnieuw; er gaat niets verloren.");
        }
        return await next(context);
    }

    public void Dispose() => _limiter.Dispose();
}

public static class UploadLimitExtensions
{
    /// <summary>Counts this endpoint's requests against the instance's limit on concurrent uploads.</summary>
    public static RouteHandlerBuilder LimitUploads(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter((context, next) => context.HttpContext.RequestServices.GetRequiredService<UploadLimit>().InvokeAsync(context, next));
}
