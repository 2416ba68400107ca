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
        // Sized to the file, so its buffer is the file: no second copy of a large upload.
        return (content.Length == content.Capacity ? content.GetBuffer() : content.ToArray(), form);
    }
}
