using System.Globalization;
using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MigratieAddin.Api;

/// <summary>What reading one sheet may hold at most (see <see cref="WerkboekOptions"/>).</summary>
public sealed record SheetLimits(int MaxCellen, int MaxGedeeldeTeksten)
{
    public static readonly SheetLimits Default = new(3_000_000, 2_000_000);
}

/// <summary>Reads the cells of a sheet as Excel, LibreOffice and openpyxl write them: shared and inline strings,
/// formula results (t="str"), booleans, numbers with the invariant culture, and dates as Excel serials
/// (1904-based workbooks are moved to the 1900 system).</summary>
public static partial class XlsxReader
{
    private const int Days1904 = 1462;

    public static IReadOnlyList<string> SheetNames(SpreadsheetDocument document) =>
        document.WorkbookPart?.Workbook.Sheets?.Elements<Sheet>().Select(s => s.Name?.Value ?? "").ToList() ?? [];

    /// <summary>The one sheet the user sees under this name (case and surrounding spaces ignored): a second match, a hidden
    /// match or a match that is not a worksheet is refused, so the API never reads what the user does not see.</summary>
    public static WorksheetPart VisibleSheet(SpreadsheetDocument document, string name)
    {
        var workbookPart = document.WorkbookPart ?? throw WorkbookException.NotAWorkbook();
        var matches = workbookPart.Workbook.Sheets?.Elements<Sheet>()
            .Where(s => string.Equals(s.Name?.Value?.Trim(), name, StringComparison.OrdinalIgnoreCase)).Take(2).ToList() ?? [];
        var sheet = matches switch
        {
            [] => throw WorkbookException.MissingSheet(name),
            [var one] => one,
            _ => throw WorkbookException.DuplicateSheet(name),
        };
        if (sheet.State?.Value is { } state && state != SheetStateValues.Visible) throw WorkbookException.HiddenSheet(name);
        return WorksheetOf(workbookPart, sheet, name);
    }

    /// <summary>The sheet's rows by 1-based row number, each a sparse map of 0-based column to cell.</summary>
    public static SortedDictionary<int, Dictionary<int, Cell>> ReadSheet(SpreadsheetDocument document, string name, SheetLimits? limits = null, CancellationToken ct = default) =>
        ReadSheet(document, SheetPart(document, name), name, limits, ct);

    /// <summary>The worksheet of the first sheet with this name (case ignored), hidden or not.</summary>
    public static WorksheetPart SheetPart(SpreadsheetDocument document, string name)
    {
        var workbookPart = document.WorkbookPart ?? throw WorkbookException.NotAWorkbook();
        var sheet = workbookPart.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => string.Equals(s.Name?.Value, name, StringComparison.OrdinalIgnoreCase))
            ?? throw WorkbookException.MissingSheet(name);
        return WorksheetOf(workbookPart, sheet, name);
    }

    /// <summary>Reads one worksheet within the limits: filled cells on it, shared strings and their length, and Excel's
    /// 32,767 characters per cell; observes cancellation as it goes.</summary>
    public static SortedDictionary<int, Dictionary<int, Cell>> ReadSheet(SpreadsheetDocument document, WorksheetPart part, string name, SheetLimits? limits = null, CancellationToken ct = default)
    {
        var rows = new SortedDictionary<int, Dictionary<int, Cell>>();
        ReadCells(document, part, name, (row, column, value) =>
        {
            if (!rows.TryGetValue(row, out var cells)) rows[row] = cells = [];
            cells[column] = value;
        }, limits, ct);
        return rows;
    }

    /// <summary>Streams the filled cells of one worksheet, rows in ascending order (a row held twice or out of order is
    /// refused), to <paramref name="cell"/> as (1-based row, 0-based column, value), within the same limits as ReadSheet:
    /// for a caller that builds its own rows without holding a map of the whole sheet.</summary>
    public static void ReadCells(SpreadsheetDocument document, WorksheetPart part, string name, Action<int, int, Cell> cell, SheetLimits? limits = null, CancellationToken ct = default)
    {
        limits ??= SheetLimits.Default;
        var workbookPart = document.WorkbookPart ?? throw WorkbookException.NotAWorkbook();
        var shared = SharedStrings(workbookPart, limits, ct);
        var date1904 = workbookPart.Workbook.WorkbookProperties?.Date1904?.Value == true;
        var dateStyles = date1904 ? DateStyles(workbookPart) : [];

        // System.Xml straight over the part: no element objects per cell (a 50,000-row sheet holds over a million cells).
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, PartSettings);
        var rowNumber = 0;
        var column = -1;
        var filled = 0;
        while (reader.Read())
        {
            if (reader.NodeType != XmlNodeType.Element) continue;
            if (reader.Depth == 2 && reader.LocalName == "row")
            {
                if (rowNumber % 1024 == 0) ct.ThrowIfCancellationRequested();
                var number = int.TryParse(reader.GetAttribute("r"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : rowNumber + 1;
                // A row held twice (or out of order) would be merged here, while Excel repairs the file its own way.
                if (number <= rowNumber) throw WorkbookException.RowOutOfOrder(name, number);
                rowNumber = number;
                column = -1;
            }
            else if (reader.Depth == 3 && reader.LocalName == "c")
            {
                column = reader.GetAttribute("r") is { } reference ? ColumnIndex(reference) : column + 1;
                var type = reader.GetAttribute("t");
                var isDate = date1904 && uint.TryParse(reader.GetAttribute("s"), NumberStyles.None, CultureInfo.InvariantCulture, out var style)
                    && style < dateStyles.Length && dateStyles[style];
                var (raw, inline) = CellContent(reader);
                var value = ValueOf(type, raw, inline, shared, isDate);
                if (value.IsEmpty) continue;
                if (value.Text?.Length > WorkbookException.MaxTekensPerCel || raw?.Length > WorkbookException.MaxTekensPerCel)
                    throw WorkbookException.CellTooLong(name, XlsxWriter.Reference(column, rowNumber));
                if (++filled > limits.MaxCellen) throw WorkbookException.TooManyCells(name, limits.MaxCellen);
                if (filled % 4096 == 0) ct.ThrowIfCancellationRequested();
                cell(rowNumber, column, value);
            }
        }
    }

    // As strict as the SDK's own reader about what a part may hold (no DTD), and keeping the whitespace of texts.
    private static readonly XmlReaderSettings PartSettings = new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        IgnoreComments = true,
        IgnoreProcessingInstructions = true,
        IgnoreWhitespace = false,
        CloseInput = false,
    };

    /// <summary>The value (v) and the inline string (is) of the cell the reader is on; the reader ends on the cell's end.</summary>
    private static (string? Raw, string? Inline) CellContent(XmlReader reader)
    {
        if (reader.IsEmptyElement) return (null, null);
        string? raw = null, inline = null;
        var depth = reader.Depth;
        reader.Read();
        while (reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
            {
                if (reader.LocalName == "v") { raw = reader.ReadElementContentAsString(); continue; }
                if (reader.LocalName == "is") { inline = RichText(reader); continue; }
                reader.Skip(); // a formula, extensions
                continue;
            }
            reader.Read();
        }
        return (raw, inline);
    }

    /// <summary>The text of a string item (is or si) the reader is on: its plain text, or the runs of rich text (phonetic runs
    /// are not part of the value), unescaped; the reader ends after the item.</summary>
    private static string RichText(XmlReader reader)
    {
        if (reader.IsEmptyElement) { reader.Read(); return ""; }
        string? plain = null;
        StringBuilder? runs = null;
        var depth = reader.Depth;
        reader.Read();
        while (reader.Depth > depth)
        {
            if (reader.NodeType == XmlNodeType.Element && reader.Depth == depth + 1)
            {
                if (reader.LocalName == "t") { plain ??= reader.ReadElementContentAsString(); continue; }
                if (reader.LocalName == "r" && !reader.IsEmptyElement)
                {
                    var run = reader.Depth;
                    reader.Read();
                    while (reader.Depth > run)
                    {
                        if (reader.NodeType == XmlNodeType.Element && reader.Depth == run + 1)
                        {
                            if (reader.LocalName == "t") (runs ??= new StringBuilder()).Append(reader.ReadElementContentAsString());
                            else reader.Skip();
                            continue;
                        }
                        reader.Read();
                    }
                    reader.Read(); // past </r>
                    continue;
                }
                reader.Skip(); // rPh, phoneticPr, an empty run
                continue;
            }
            reader.Read();
        }
        reader.Read(); // past the item's end
        return Unescape(plain ?? runs?.ToString() ?? "");
    }

    private static WorksheetPart WorksheetOf(WorkbookPart workbookPart, Sheet sheet, string name) =>
        sheet.Id?.Value is { } id && workbookPart.TryGetPartById(id, out var part) && part is WorksheetPart worksheet
            ? worksheet
            : throw WorkbookException.NotAWorksheet(name);

    /// <summary>The shared string table, streamed item by item so a hostile table is refused before it fills memory.</summary>
    private static string[] SharedStrings(WorkbookPart workbookPart, SheetLimits limits, CancellationToken ct)
    {
        if (workbookPart.SharedStringTablePart is not { } part) return [];
        var items = new List<string>();
        using var stream = part.GetStream(FileMode.Open, FileAccess.Read);
        using var reader = XmlReader.Create(stream, PartSettings);
        reader.MoveToContent();
        reader.Read();
        while (!reader.EOF && reader.Depth > 0)
        {
            if (reader.NodeType != XmlNodeType.Element || reader.Depth != 1) { reader.Read(); continue; }
            if (reader.LocalName != "si") { reader.Skip(); continue; }
            if (items.Count == limits.MaxGedeeldeTeksten) throw WorkbookException.TooManySharedStrings(limits.MaxGedeeldeTeksten);
            if (items.Count % 4096 == 0) ct.ThrowIfCancellationRequested();
            var text = RichText(reader);
            if (text.Length > WorkbookException.MaxTekensPerCel) throw WorkbookException.SharedStringTooLong();
            items.Add(text);
        }
        return items.ToArray();
    }

    private static Cell ValueOf(string? type, string? raw, string? inline, string[] shared, bool shift1904)
    {
        switch (type)
        {
            case "inlineStr": return Cell.FromText(inline ?? (raw is null ? null : Unescape(raw)));
            case "s":
                return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? Cell.FromText(shared[i]) : Cell.Empty;
            case "str": return Cell.FromText(raw is null ? null : Unescape(raw)); // a formula's text result is ST_Xstring too
            case "e": return Cell.FromText(raw);
            case "b": return Cell.FromBoolean(raw is "1" or "true" or "TRUE");
        }
        if (raw is null) return Cell.Empty;
        if (type == "d")
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Cell.FromNumber(d.ToOADate()) : Cell.FromText(raw);
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return Cell.FromText(raw);
        return Cell.FromNumber(shift1904 ? number + Days1904 : number);
    }

    /// <summary>Reads ST_Xstring as Excel does (ECMA-376 22.9.2.19): every _xHHHH_ (hex digits in either case) is the
    /// character with that code, left to right, so _x005F_x0041_ is the literal text "_x0041_".</summary>
    private static string Unescape(string text)
    {
        if (!text.Contains("_x", StringComparison.Ordinal)) return text;
        return Escaped().Replace(text, m => ((char)Convert.ToInt32(m.Groups[1].Value, 16)).ToString());
    }

    [System.Text.RegularExpressions.GeneratedRegex("_x([0-9A-Fa-f]{4})_", System.Text.RegularExpressions.RegexOptions.CultureInvariant)]
    private static partial System.Text.RegularExpressions.Regex Escaped();

    /// <summary>Per cell style: does it show a date? Built-in date formats, or a custom code with day, month or year.</summary>
    private static bool[] DateStyles(WorkbookPart workbookPart)
    {
        var stylesheet = workbookPart.WorkbookStylesPart?.Stylesheet;
        if (stylesheet?.CellFormats is null) return [];
        var custom = stylesheet.NumberingFormats?.Elements<NumberingFormat>()
            .ToDictionary(f => f.NumberFormatId?.Value ?? 0, f => f.FormatCode?.Value ?? "") ?? [];
        return stylesheet.CellFormats.Elements<CellFormat>().Select(xf =>
        {
            var id = xf.NumberFormatId?.Value ?? 0;
            if (id is >= 14 and <= 22 or >= 45 and <= 47) return true;
            if (!custom.TryGetValue(id, out var code)) return false;
            var unquoted = System.Text.RegularExpressions.Regex.Replace(code, "\"[^\"]*\"|\\[[^\\]]*\\]", "");
            return unquoted.IndexOfAny(['d', 'D', 'y', 'Y']) >= 0 || unquoted.Contains("mm", StringComparison.OrdinalIgnoreCase) && !unquoted.Contains("h", StringComparison.OrdinalIgnoreCase);
        }).ToArray();
    }

    public static int ColumnIndex(string reference)
    {
        var index = 0;
        foreach (var c in reference)
        {
            if (!char.IsAsciiLetter(c)) break;
            index = index * 26 + (char.ToUpperInvariant(c) - 'A' + 1);
        }
        return index - 1;
    }
}
