using System.Text;

namespace MigratieAddin.Api;

/// <summary>Text that is not valid CSV. The reason is Dutch and never repeats what the file holds.</summary>
public sealed class CsvFormatException(int line, string reason) : Exception(Invariant($"regel {line}: {reason}"))
{
    /// <summary>The physical line of the file (1-based), as an editor shows it.</summary>
    public int Line { get; } = line;

    public string Reason { get; } = reason;
}

/// <summary>Reads `;`-separated text as RFC 4180 describes it and Excel writes it: a header line, then one record per
/// line; a field that starts with `"` is quoted and may hold `;`, line breaks and doubled quotes (`""`). A quote inside
/// an unquoted field is text, as Excel reads it. A quoted field that is never closed, or text after its closing quote,
/// is a <see cref="CsvFormatException"/>: reading on would silently merge or split records.</summary>
public static class SemicolonCsv
{
    /// <summary>A record and the physical line it starts on (a quoted line break makes a record span lines).</summary>
    public sealed record Record(int Line, string[] Fields);

    private enum State { FieldStart, Unquoted, Quoted, AfterQuote }

    public static IEnumerable<Record> Read(TextReader reader)
    {
        var line = 1;
        var recordLine = 1;
        var quoteLine = 1;
        var state = State.FieldStart;
        var fields = new List<string>();
        var field = new StringBuilder();
        var blank = true; // only whitespace so far: such a line is skipped, as an empty line is
        if (reader.Peek() == '\uFEFF') reader.Read();
        for (var c = reader.Read(); ; c = reader.Read())
        {
            var lineBreak = c is '\r' or '\n';
            var crlf = c == '\r' && reader.Peek() == '\n';
            if (crlf) reader.Read();
            if (state == State.Quoted) // everything up to the next quote is the field's, line breaks included
            {
                if (c == -1) throw new CsvFormatException(quoteLine, "het aanhalingsteken aan het begin van een veld wordt nergens gesloten");
                if (c == '"') state = State.AfterQuote;
                else field.Append(lineBreak ? '\n' : (char)c); // a cell holds a line break as LF, as Excel does, whatever the file used
                if (lineBreak) line++;
                continue;
            }
            if (state == State.AfterQuote && c == '"') { field.Append('"'); state = State.Quoted; continue; } // a doubled quote
            if (c == ';' || lineBreak || c == -1)
            {
                fields.Add(field.ToString());
                field.Clear();
                state = State.FieldStart;
                if (c == ';') { blank = false; continue; }
                if (!blank) yield return new Record(recordLine, [.. fields]);
                fields.Clear();
                blank = true;
                if (c == -1) yield break;
                recordLine = ++line;
                continue;
            }
            if (state == State.AfterQuote)
                throw new CsvFormatException(line, "na een sluitend aanhalingsteken hoort een puntkomma of het einde van de regel");
            if (state == State.FieldStart && c == '"') { state = State.Quoted; quoteLine = line; blank = false; continue; }
            state = State.Unquoted;
            field.Append((char)c);
            if (!char.IsWhiteSpace((char)c)) blank = false;
        }
    }
}
