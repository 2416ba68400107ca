using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;

namespace MigratieAddin.Api;

/// <summary>Streams the Toewijzingen worksheet XML from the original to the new package: every node is copied as it
/// is (prefixes, namespaces, unknown extensions), except the Status and Meldingen cells of the rows that have texts,
/// which are replaced or inserted in column order, and rows that have no element yet, inserted in row order.
/// System.Xml rather than OpenXmlReader: OpenXmlReader drops and unescapes the content of unknown elements.</summary>
public sealed partial class StatusSheet
{
    private readonly int[] _columns; // 0-based, ascending
    private readonly IReadOnlyDictionary<int, string[]> _texts; // row number -> one text per column in _columns
    private readonly int[] _rowNumbers;
    private int _nextRow;

    /// <param name="columns">The target columns, ascending.</param>
    /// <param name="texts">Per row number, the text for each target column in the same order.</param>
    public StatusSheet(int[] columns, IReadOnlyDictionary<int, string[]> texts)
    {
        _columns = columns;
        _texts = texts;
        _rowNumbers = [.. texts.Keys.Order()];
    }

    private static readonly XmlReaderSettings ReaderSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreWhitespace = false,
        IgnoreComments = false,
        CloseInput = false,
    };

    private static readonly XmlWriterSettings WriterSettings = new()
    {
        Encoding = new UTF8Encoding(false),
        NewLineHandling = NewLineHandling.Entitize,
        CloseOutput = false,
    };

    /// <summary>The highest 0-based column any cell of the sheet uses (-1 for none), read as XlsxReader reads references.</summary>
    public static int LastColumn(Stream worksheet, CancellationToken ct)
    {
        using var reader = XmlReader.Create(worksheet, ReaderSettings);
        var last = -1;
        var column = -1;
        var count = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.Depth == 2 && reader.LocalName == "row") column = -1;
            else if (reader.Depth == 3 && reader.LocalName == "c")
            {
                column = reader.GetAttribute("r") is { } reference ? XlsxReader.ColumnIndex(reference) : column + 1;
                last = Math.Max(last, column);
                if (++count % 10_000 == 0) ct.ThrowIfCancellationRequested();
            }
        }
        return last;
    }

    /// <summary>Streams the sheet from <paramref name="original"/> to <paramref name="target"/>: the XML is written into a
    /// small buffer that goes to the target (asynchronously, so the target may be the response) every 64 KB.</summary>
    public async Task RewriteAsync(Stream original, Stream target, CancellationToken ct)
    {
        // Below the large object heap's threshold, reused for every chunk.
        using var chunk = new MemoryStream(ChunkCapacity);
        using var reader = XmlReader.Create(original, ReaderSettings);
        using (var writer = XmlWriter.Create(chunk, WriterSettings))
        {
            reader.MoveToContent();
            if (reader.NodeType != XmlNodeType.Element || reader.LocalName != "worksheet") throw StatusWriter.Damaged();
            var ns = reader.NamespaceURI;
            writer.WriteStartDocument(standalone: true);
            var seenSheetData = false;
            while (!reader.EOF)
            {
                if (reader.NodeType == XmlNodeType.Element && reader.NamespaceURI == ns && reader.Depth == 1)
                {
                    if (reader.LocalName == "dimension") { WriteDimension(reader, writer); continue; }
                    if (reader.LocalName == "sheetData")
                    {
                        seenSheetData = true;
                        CopyStart(reader, writer);
                        var empty = reader.IsEmptyElement;
                        reader.Read();
                        if (!empty) await CopyRowsAsync(reader, writer, ns, chunk, target, ct);
                        InsertRowsBefore(int.MaxValue, writer, ns);
                        writer.WriteFullEndElement();
                        if (!empty) reader.Read(); // past </sheetData>
                        continue;
                    }
                }
                CopyNode(reader, writer);
                reader.Read();
            }
            if (!seenSheetData) throw StatusWriter.Damaged();
        }
        await SendAsync(chunk, target, ct);
    }

    private const int ChunkCapacity = 80 * 1000;
    private const int ChunkSize = 64 * 1024;

    private static async Task SendAsync(MemoryStream chunk, Stream target, CancellationToken ct)
    {
        await target.WriteAsync(chunk.GetBuffer().AsMemory(0, (int)chunk.Length), ct);
        chunk.SetLength(0);
    }

    /// <summary>Copies the rows inside sheetData; the reader ends on sheetData's end tag. Sends the chunk on every 64 KB.</summary>
    private async Task CopyRowsAsync(XmlReader reader, XmlWriter writer, string ns, MemoryStream chunk, Stream target, CancellationToken ct)
    {
        var previous = 0;
        while (reader.NodeType != XmlNodeType.EndElement || reader.Depth != 1)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.LocalName == "row" && reader.NamespaceURI == ns)
            {
                var number = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : previous + 1;
                if (number <= previous) throw StatusWriter.RowOutOfOrder(number);
                previous = number;
                if (number % 1000 == 0) ct.ThrowIfCancellationRequested();
                InsertRowsBefore(number, writer, ns);
                CopyRow(reader, writer, ns, number);
                writer.Flush(); // into the chunk: a copy in memory, never blocking
                if (chunk.Length >= ChunkSize) await SendAsync(chunk, target, ct);
                continue;
            }
            CopyNode(reader, writer);
            reader.Read();
        }
    }

    /// <summary>Copies one row element, replacing or inserting its target cells; the reader ends after the row.</summary>
    private void CopyRow(XmlReader reader, XmlWriter writer, string ns, int number)
    {
        var texts = _texts.GetValueOrDefault(number);
        if (texts is not null && _nextRow < _rowNumbers.Length && _rowNumbers[_nextRow] == number) _nextRow++;
        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
        CopyAttributes(reader, writer, texts is null ? null : Spans);
        if (reader.IsEmptyElement)
        {
            WriteTargets(writer, ns, number, texts, 0, int.MaxValue, null);
            writer.WriteEndElement();
            reader.Read();
            return;
        }
        reader.Read();
        var written = 0; // how many of _columns are written
        var column = -1;
        while (reader.NodeType != XmlNodeType.EndElement || reader.Depth != 2)
        {
            if (texts is not null && reader.NodeType == XmlNodeType.Element && reader.Depth == 3)
            {
                var isCell = reader.LocalName == "c" && reader.NamespaceURI == ns;
                column = isCell ? reader.GetAttribute("r") is { } reference ? XlsxReader.ColumnIndex(reference) : column + 1 : int.MaxValue;
                written = WriteTargets(writer, ns, number, texts, written, column, null);
                var target = Array.IndexOf(_columns, column);
                if (isCell && target >= 0)
                {
                    // The cell of a target column: replaced (its style kept), or dropped when out of order and already written.
                    if (target == written) written = WriteTargets(writer, ns, number, texts, written, column + 1, reader.GetAttribute("s"));
                    reader.Skip();
                    continue;
                }
            }
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == 3) { writer.WriteNode(reader, false); continue; }
            CopyNode(reader, writer);
            reader.Read();
        }
        WriteTargets(writer, ns, number, texts, written, int.MaxValue, null);
        writer.WriteFullEndElement();
        reader.Read();
    }

    /// <summary>Writes the target cells from index <paramref name="from"/> whose column is below <paramref name="before"/>;
    /// returns the index of the first one not written.</summary>
    private int WriteTargets(XmlWriter writer, string ns, int number, string[]? texts, int from, int before, string? style)
    {
        if (texts is null) return from;
        var i = from;
        for (; i < _columns.Length && _columns[i] < before; i++)
        {
            writer.WriteStartElement("c", ns);
            writer.WriteAttributeString("r", XlsxWriter.Reference(_columns[i], number));
            if (style is not null && _columns[i] == before - 1) writer.WriteAttributeString("s", style);
            if (texts[i].Length > 0)
            {
                writer.WriteAttributeString("t", "inlineStr");
                writer.WriteStartElement("is", ns);
                writer.WriteStartElement("t", ns);
                writer.WriteAttributeString("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");
                writer.WriteString(XlsxWriter.XmlSafe(texts[i]));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        return i;
    }

    private void InsertRowsBefore(int number, XmlWriter writer, string ns)
    {
        for (; _nextRow < _rowNumbers.Length && _rowNumbers[_nextRow] < number; _nextRow++)
        {
            var row = _rowNumbers[_nextRow];
            writer.WriteStartElement("row", ns);
            writer.WriteAttributeString("r", row.ToString(CultureInfo.InvariantCulture));
            WriteTargets(writer, ns, row, _texts[row], 0, int.MaxValue, null);
            writer.WriteEndElement();
        }
    }

    /// <summary>A row's spans ("first:last", 1-based) widened to the target columns, so Excel's hint stays true.</summary>
    private string Spans(string spans)
    {
        var parts = spans.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var first)
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var last)) return spans; // several ranges: left alone
        return Invariant($"{Math.Min(first, _columns[0] + 1)}:{Math.Max(last, _columns[^1] + 1)}");
    }

    /// <summary>The used range, widened to the target columns and the last row with texts.</summary>
    private void WriteDimension(XmlReader reader, XmlWriter writer)
    {
        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
        CopyAttributes(reader, writer, null, value =>
        {
            var match = Range().Match(value);
            if (!match.Success) return value;
            var end = match.Groups[2].Success ? match.Groups[2].Value : match.Groups[1].Value;
            var lastColumn = Math.Max(XlsxReader.ColumnIndex(end), _columns[^1]);
            var lastRow = int.Parse(end.AsSpan(end.TakeWhile(char.IsAsciiLetter).Count()), CultureInfo.InvariantCulture);
            if (_rowNumbers.Length > 0) lastRow = Math.Max(lastRow, _rowNumbers[^1]);
            return $"{match.Groups[1].Value}:{XlsxWriter.Reference(lastColumn, lastRow)}";
        });
        writer.WriteEndElement();
        reader.Skip();
    }

    [GeneratedRegex("^([A-Z]{1,3}[0-9]{1,7})(?::([A-Z]{1,3}[0-9]{1,7}))?$")]
    private static partial Regex Range();

    private static void CopyAttributes(XmlReader reader, XmlWriter writer, Func<string, string>? spans, Func<string, string>? reference = null)
    {
        if (!reader.MoveToFirstAttribute()) return;
        do
        {
            var value = reader.Value;
            if (reader.NamespaceURI.Length == 0 && reader.LocalName == "spans" && spans is not null) value = spans(value);
            if (reader.NamespaceURI.Length == 0 && reader.LocalName == "ref" && reference is not null) value = reference(value);
            writer.WriteAttributeString(reader.Prefix, reader.LocalName, reader.NamespaceURI, value);
        }
        while (reader.MoveToNextAttribute());
        reader.MoveToElement();
    }

    private static void CopyStart(XmlReader reader, XmlWriter writer)
    {
        writer.WriteStartElement(reader.Prefix, reader.LocalName, reader.NamespaceURI);
        CopyAttributes(reader, writer, null);
    }

    /// <summary>Copies the current node alone (an element's start tag with its attributes, or one leaf node).</summary>
    private static void CopyNode(XmlReader reader, XmlWriter writer)
    {
        switch (reader.NodeType)
        {
            case XmlNodeType.Element:
                CopyStart(reader, writer);
                if (reader.IsEmptyElement) writer.WriteEndElement();
                break;
            case XmlNodeType.EndElement: writer.WriteFullEndElement(); break;
            case XmlNodeType.Text: writer.WriteString(reader.Value); break;
            case XmlNodeType.Whitespace or XmlNodeType.SignificantWhitespace: writer.WriteWhitespace(reader.Value); break;
            case XmlNodeType.CDATA: writer.WriteCData(reader.Value); break;
            case XmlNodeType.Comment: writer.WriteComment(reader.Value); break;
            case XmlNodeType.ProcessingInstruction: writer.WriteProcessingInstruction(reader.Name, reader.Value); break;
        }
    }
}
