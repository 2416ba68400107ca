using System.Xml;

namespace MigratieAddin.Api;

/// <summary>Checks a part of an uploaded package with a streaming reader, before the Open XML SDK (which builds elements
/// recursively) ever loads it.</summary>
public static class PackageXml
{
    // At least as lenient as the SDK's own reader, so it never stops before the point the SDK would reach.
    private static readonly XmlReaderSettings Settings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        CheckCharacters = false,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = true,
        CloseInput = false,
    };

    /// <summary>Refuses a part whose elements nest <paramref name="maxDepth"/> levels or more, or a shared string table
    /// (root 'sst') with more than <paramref name="maxSharedStrings"/> items, counted here in one cheap pass so the SDK never
    /// builds millions of items only to refuse them. A part that is not XML, or not well-formed, passes: the SDK stops on
    /// the same error at the same place, should it ever read that part.</summary>
    public static void Check(Stream part, int maxDepth, int maxSharedStrings, CancellationToken ct)
    {
        try
        {
            using var reader = XmlReader.Create(part, Settings);
            var elements = 0;
            var sharedStrings = -1;
            while (reader.Read())
            {
                if (reader.NodeType != XmlNodeType.Element) continue;
                if (reader.Depth >= maxDepth) throw WorkbookException.TooDeep(maxDepth);
                if (reader.Depth == 0 && reader.LocalName == "sst") sharedStrings = 0;
                else if (sharedStrings >= 0 && reader.Depth == 1 && reader.LocalName == "si" && ++sharedStrings > maxSharedStrings)
                    throw WorkbookException.TooManySharedStrings(maxSharedStrings);
                if (++elements % 65536 == 0) ct.ThrowIfCancellationRequested();
            }
        }
        catch (XmlException)
        {
        }
    }
}

/// <summary>A zip entry's content that may not come out longer than the zip declares (a zip may lie about sizes).</summary>
public sealed class DeclaredLengthStream(Stream inner, long declared) : Stream
{
    private long _read;

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        if ((_read += read) > declared) throw WorkbookException.TooBig();
        return read;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => _read; set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}
