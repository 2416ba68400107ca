using System.Text;

namespace MigratieAddin.Api;

/// <summary>Reads `;`-separated text as the region's files and backoffice exports write it:
/// a header line, then one record per line; a field may be quoted with `"` (doubled inside).</summary>
public static class SemicolonCsv
{
    public sealed record Record(int Line, string[] Fields);

    public static IEnumerable<Record> Read(TextReader reader)
    {
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (number == 1 && line.Length > 0 && line[0] == '\uFEFF') line = line[1..];
            if (line.Trim().Length == 0) continue;
            yield return new Record(number, Split(line));
        }
    }

    public static string[] Split(string line)
    {
        var fields = new List<string>();
        var field = new StringBuilder();
        var inQuotes = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (inQuotes)
            {
                if (c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
                else if (c == '"') inQuotes = false;
                else field.Append(c);
            }
            else if (c == '"' && field.Length == 0) inQuotes = true;
            else if (c == ';') { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return fields.ToArray();
    }
}
