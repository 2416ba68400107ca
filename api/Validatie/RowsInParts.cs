using System.Text;
using System.Text.Json;

namespace MigratieAddin.Api;

/// <summary>Reads the 'rijen' of a large body on the machine's cores. The body is cut where a row appears to start (an
/// object right after a comma); each part reads its rows one object at a time, and the cut is kept only if the part
/// before it, reading from a place known to be right, ends exactly there. Anything else (a cut inside a skipped value,
/// a mistake in the JSON, more rows than allowed) makes <see cref="TryRead"/> give up or throw, and the caller reads the
/// whole body on one thread.</summary>
internal static class RowsInParts
{
    /// <summary>About 1,300 rows as the pane sends them: smaller parts cost more in threads than they save.</summary>
    public const int BytesPerPart = 512 * 1024;

    /// <summary>A row is read at depth 0 by its own reader; in the body it sits two levels down.</summary>
    private static readonly JsonReaderOptions RowOptions = new() { MaxDepth = 14 };

    private static readonly byte[] EmptyRows = Encoding.UTF8.GetBytes("{\"rijen\":[]");

    private readonly record struct Part(List<Row> Rows, int End, bool EndsTheList);

    /// <param name="arrayStart">Where the '[' of 'rijen' is in <paramref name="json"/>.</param>
    /// <param name="after">Where the body goes on after the list's ']'.</param>
    public static bool TryRead(ReadOnlyMemory<byte> json, int arrayStart, int maxRows, int cores, CancellationToken ct,
        out List<Row> rows, out int after)
    {
        rows = [];
        after = 0;
        var span = json.Span;
        var first = SkipWhitespace(span, arrayStart + 1);
        if (first >= span.Length || span[first] != (byte)'{') return false;

        var count = Math.Clamp((span.Length - first) / BytesPerPart, 1, 4 * cores); // more parts than cores: one that stalls holds up less
        var starts = new List<int> { first };
        for (var k = 1; k < count; k++)
        {
            var cut = NextRowStart(span, first + (int)((long)(span.Length - first) * k / count));
            if (cut < 0) break;
            if (cut > starts[^1]) starts.Add(cut);
        }
        if (starts.Count == 1) return false;

        var parts = new Part[starts.Count];
        Parts.Run(parts.Length, cores, ct,
            p => parts[p] = ReadPart(json.Span, starts[p], p + 1 < starts.Count ? starts[p + 1] : -1, ct));

        var total = 0;
        for (var p = 0; p < parts.Length; p++)
        {
            var last = p == parts.Length - 1;
            if (parts[p].EndsTheList != last || (!last && parts[p].End != starts[p + 1])) return false;
            total += parts[p].Rows.Count;
        }
        if (total > maxRows) return false; // one reader says how many rows are allowed

        rows = new List<Row>(total);
        foreach (var part in parts) rows.AddRange(part.Rows);
        after = parts[^1].End + 1;
        return true;
    }

    /// <summary>Rows from <paramref name="from"/> until the place <paramref name="until"/> (or, with -1, until the ']'
    /// that ends the list). End is where it stopped: the start of the next row, or the ']'.</summary>
    private static Part ReadPart(ReadOnlySpan<byte> span, int from, int until, CancellationToken ct)
    {
        var rows = new List<Row>();
        var repeats = new RowRepeats();
        var pos = from;
        while (until < 0 || pos < until)
        {
            if (rows.Count % 1000 == 999) ct.ThrowIfCancellationRequested();
            var reader = new Utf8JsonReader(span[pos..], RowOptions);
            reader.Read();
            rows.Add(RowsRequestReader.ReadRow(ref reader, rows.Count, repeats));
            pos = SkipWhitespace(span, pos + (int)reader.BytesConsumed);
            if (pos < span.Length && span[pos] == (byte)']') return new Part(rows, pos, EndsTheList: true);
            if (pos >= span.Length || span[pos] != (byte)',') return new Part(rows, pos, EndsTheList: false);
            pos = SkipWhitespace(span, pos + 1);
        }
        return new Part(rows, pos, EndsTheList: false);
    }

    /// <summary>The first '{' at or after <paramref name="from"/> that follows a comma and opens an object with a key:
    /// outside any text (in a JSON text a quote is always escaped, so '{"' cannot be inside one), and in a body of rows
    /// most likely the start of a row. Whether it is one, the part before it decides.</summary>
    private static int NextRowStart(ReadOnlySpan<byte> span, int from)
    {
        var pos = from;
        while (pos < span.Length)
        {
            var found = span[pos..].IndexOf("{\""u8);
            if (found < 0) return -1;
            pos += found;
            var before = pos - 1;
            while (before >= 0 && IsWhitespace(span[before])) before--;
            if (before >= 0 && span[before] == (byte)',') return pos;
            pos += 2;
        }
        return -1;
    }

    /// <summary>A reader for what follows the list, as if the body had been <c>{"rijen":[]</c> and then the rest: the
    /// commas, keys and end of the object are checked as in the body itself.</summary>
    public static Utf8JsonReader ReaderAfterRows(ReadOnlySpan<byte> rest, JsonReaderOptions options)
    {
        var bytes = new byte[EmptyRows.Length + rest.Length];
        EmptyRows.CopyTo(bytes, 0);
        rest.CopyTo(bytes.AsSpan(EmptyRows.Length));
        var reader = new Utf8JsonReader(bytes, options);
        reader.Read(); // {
        reader.Read(); // "rijen"
        reader.Read(); // [
        reader.Read(); // ]
        return reader;
    }

    private static int SkipWhitespace(ReadOnlySpan<byte> span, int pos)
    {
        while (pos < span.Length && IsWhitespace(span[pos])) pos++;
        return pos;
    }

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n';
}
