using Microsoft.AspNetCore.Http.Features;

namespace MigratieAddin.Api;

/// <summary>One uploaded file: its name as the client gave it (directories dropped) and its bytes, in memory only.</summary>
public sealed record UploadedFile(string Naam, byte[] Bytes);

/// <summary>Reads a multipart upload with the file(s) in the field 'bestand', within the endpoint's size limit.</summary>
public static class Upload
{
    public static async Task<(byte[] File, IFormCollection Form)> ReadAsync(HttpRequest request, long maxBytes, string wat, CancellationToken ct)
    {
        var form = await ReadFormAsync(request, maxBytes, 64, wat, ct);
        var file = form.Files.GetFile("bestand")
            ?? throw new RequestException(StatusCodes.Status400BadRequest, $"Kies {wat} (veld 'bestand').");
        if (file.Length > maxBytes) throw RequestException.TooLarge(maxBytes);
        return (BytesOf(file), form);
    }

    /// <summary>Every file in a 'bestand' field, in the order sent: together at most <paramref name="maxTotalBytes"/> and at
    /// most <paramref name="maxFiles"/> files. A single file's own limit is the caller's to judge, per file.</summary>
    public static async Task<IReadOnlyList<UploadedFile>> ReadManyAsync(HttpRequest request, long maxTotalBytes, int maxFiles, string wat, CancellationToken ct)
    {
        var form = await ReadFormAsync(request, maxTotalBytes, maxFiles + 16, wat, ct, maxFiles);
        var files = form.Files.GetFiles("bestand");
        if (files.Count == 0) throw new RequestException(StatusCodes.Status400BadRequest, $"Kies {wat} (veld 'bestand', één keer per werkboek).");
        if (files.Count > maxFiles) throw TooManyFiles(maxFiles);
        if (files.Sum(f => f.Length) > maxTotalBytes) throw TooLargeTogether(maxTotalBytes);
        var read = new List<UploadedFile>(files.Count);
        foreach (var (file, i) in files.Select((f, i) => (f, i)))
            read.Add(new UploadedFile(NameOf(file.FileName, i + 1), BytesOf(file)));
        return read;
    }

    public static RequestException TooManyFiles(int maxFiles) =>
        new(StatusCodes.Status413PayloadTooLarge, Invariant($"U stuurde meer dan {maxFiles} werkboeken in één keer. Stuur ze in groepjes van hooguit {maxFiles}."));

    public static RequestException TooLargeTogether(long maxBytes) =>
        new(StatusCodes.Status413PayloadTooLarge, Invariant($"De werkboeken zijn samen groter dan {maxBytes / (1024 * 1024)} MB. Stuur ze in kleinere groepjes."));

    /// <summary>The file name without any directory a browser may have put before it; a number when there is none.</summary>
    private static string NameOf(string? given, int number)
    {
        var name = new string((given ?? "").Split('/', '\\')[^1].Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (name.Length > 255) name = name[..255];
        return name.Length > 0 ? name : Invariant($"bestand {number}");
    }

    /// <summary>The file's bytes as read: the one array <see cref="MultipartForm"/> filled, never copied again.</summary>
    private static byte[] BytesOf(IFormFile file) => ((MultipartForm.InMemoryFile)file).Bytes;

    private static async Task<IFormCollection> ReadFormAsync(HttpRequest request, long maxBytes, int valueCountLimit, string wat,
        CancellationToken ct, int? maxFiles = null)
    {
        if (!request.HasFormContentType)
            throw new RequestException(StatusCodes.Status415UnsupportedMediaType, $"Upload {wat} als multipart/form-data in het veld 'bestand'.");
        if (request.ContentLength > maxBytes + 1024 * 1024) throw maxFiles is null ? RequestException.TooLarge(maxBytes) : TooLargeTogether(maxBytes);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = maxBytes + 1024 * 1024;
        try
        {
            // Kept in memory (rows must not outlive their request anywhere), each file read into one array of its own size.
            return await MultipartForm.ReadAsync(request, maxBytes, valueCountLimit, valueLengthLimit: 1024 * 1024, ct);
        }
        catch (InvalidDataException e) when (maxFiles is { } most && e.Message.Contains("count limit", StringComparison.OrdinalIgnoreCase))
        {
            throw TooManyFiles(most);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException or IOException)
        {
            var tooLarge = e is BadHttpRequestException { StatusCode: 413 } || e.Message.Contains("limit", StringComparison.OrdinalIgnoreCase);
            throw tooLarge
                ? maxFiles is null ? RequestException.TooLarge(maxBytes) : TooLargeTogether(maxBytes)
                : new RequestException(StatusCodes.Status400BadRequest, $"Het formulier kon niet worden gelezen. Upload {wat} opnieuw in het veld 'bestand'.");
        }
    }
}
