using System.Buffers;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace MigratieAddin.Api;

/// <summary>Reads a multipart/form-data body as ASP.NET's form reader does (the same limits, the same exceptions for the
/// same faults), but keeps every file in memory in one array of exactly its size. ASP.NET's reader, kept in memory,
/// buffers a file in a MemoryStream that doubles as it grows (a 12 MB workbook: 32 MB of large arrays, 16 MB of them held
/// for the whole request) and the upload was then copied once more; here a file is read in pooled 64 KB pieces and
/// copied once into its own array.</summary>
public static class MultipartForm
{
    private const int Piece = 64 * 1024;

    public static async Task<IFormCollection> ReadAsync(HttpRequest request, long maxBytes, int valueCountLimit, int valueLengthLimit, CancellationToken ct)
    {
        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            // URL-encoded: fields only (no file can be in it), read by ASP.NET within the same limits.
            request.HttpContext.Features.Set<IFormFeature>(new FormFeature(request, new FormOptions
            {
                MultipartBodyLengthLimit = maxBytes,
                ValueCountLimit = valueCountLimit,
                ValueLengthLimit = valueLengthLimit,
            }));
            return await request.ReadFormAsync(ct);
        }
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).Value;
        if (string.IsNullOrWhiteSpace(boundary)) throw new InvalidDataException("Missing content-type boundary.");

        var reader = new MultipartReader(boundary, request.Body) { BodyLengthLimit = maxBytes };
        var fields = new KeyValueAccumulator();
        var files = new FormFileCollection();
        var count = 0;
        while (await reader.ReadNextSectionAsync(ct) is { } section)
        {
            if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition))
                throw new InvalidDataException("Form section has invalid Content-Disposition value.");
            if (++count > valueCountLimit) throw new InvalidDataException($"Form value count limit {valueCountLimit} exceeded.");
            var name = HeaderUtilities.RemoveQuotes(disposition.Name).Value ?? "";
            if (disposition.IsFileDisposition())
            {
                var fileName = disposition.FileNameStar.HasValue ? disposition.FileNameStar.Value : HeaderUtilities.RemoveQuotes(disposition.FileName).Value;
                var bytes = await ReadAllAsync(section.Body, maxBytes, ct);
                files.Add(new InMemoryFile(bytes, name, fileName ?? "", new HeaderDictionary(section.Headers)));
            }
            else if (disposition.IsFormDisposition())
            {
                var encoding = MediaTypeHeaderValue.TryParse(section.ContentType, out var sectionType) && sectionType.Encoding is { } e ? e : Encoding.UTF8;
                using var text = new StreamReader(section.Body, encoding, detectEncodingFromByteOrderMarks: true, bufferSize: 1024, leaveOpen: true);
                var value = await text.ReadToEndAsync(ct);
                if (value.Length > valueLengthLimit) throw new InvalidDataException($"Form value length limit {valueLengthLimit} exceeded.");
                fields.Append(name, value);
            }
            else
            {
                throw new InvalidDataException("Unrecognized Content-Disposition for this section.");
            }
        }
        var form = new FormCollection(fields.HasValues ? fields.GetResults() : null, files);
        request.HttpContext.Features.Set<IFormFeature>(new FormFeature(form));
        return form;
    }

    /// <summary>A section's body, read in pooled pieces and then copied once into one array of exactly its length.</summary>
    private static async Task<byte[]> ReadAllAsync(Stream body, long maxBytes, CancellationToken ct)
    {
        var pieces = new List<byte[]>();
        long total = 0;
        var last = 0;
        try
        {
            while (true)
            {
                var piece = ArrayPool<byte>.Shared.Rent(Piece);
                pieces.Add(piece);
                last = 0;
                int read;
                while (last < Piece && (read = await body.ReadAsync(piece.AsMemory(last, Piece - last), ct)) > 0) last += read;
                total += last;
                if (total > maxBytes) throw new InvalidDataException($"Multipart body length limit {maxBytes} exceeded.");
                if (last < Piece) break;
            }
            var bytes = GC.AllocateUninitializedArray<byte>((int)total);
            var at = 0;
            for (var i = 0; i < pieces.Count; i++)
            {
                var length = i == pieces.Count - 1 ? last : Piece;
                pieces[i].AsSpan(0, length).CopyTo(bytes.AsSpan(at));
                at += length;
            }
            return bytes;
        }
        finally
        {
            // The pieces held part of an upload: wiped before the pool hands them to anyone else.
            foreach (var piece in pieces)
            {
                Array.Clear(piece, 0, Piece);
                ArrayPool<byte>.Shared.Return(piece);
            }
        }
    }

    /// <summary>An uploaded file held in memory: its bytes are the array read, shared, never copied.</summary>
    public sealed class InMemoryFile(byte[] bytes, string name, string fileName, IHeaderDictionary headers) : IFormFile
    {
        public byte[] Bytes { get; } = bytes;
        public string ContentType => Headers.ContentType.ToString();
        public string ContentDisposition => Headers.ContentDisposition.ToString();
        public IHeaderDictionary Headers { get; } = headers;
        public long Length => Bytes.Length;
        public string Name { get; } = name;
        public string FileName { get; } = fileName;

        public Stream OpenReadStream() => new MemoryStream(Bytes, writable: false);
        public void CopyTo(Stream target) => target.Write(Bytes);
        public Task CopyToAsync(Stream target, CancellationToken cancellationToken = default) => target.WriteAsync(Bytes, cancellationToken).AsTask();
    }
}
