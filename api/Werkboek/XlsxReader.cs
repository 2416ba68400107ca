using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using XCell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using XRow = DocumentFormat.OpenXml.Spreadsheet.Row;

namespace MigratieAddin.Api;

/// <summary>Reads the cells of a sheet as Excel, LibreOffice and openpyxl write them: shared and inline strings,
/// formula results (t="str"), booleans, numbers with the invariant culture, and dates as Excel serials
/// (1904-based workbooks are moved to the 1900 system).</summary>
public static partial class XlsxReader
{
    private const int Days1904 = 1462;

    public static IReadOnlyList<string> SheetNames(SpreadsheetDocument document) =>
        document.WorkbookPart?.Workbook.Sheets?.Elements<Sheet>().Select(s => s.Name?.Value ?? "").ToList() ?? [];

    /// <summary>The sheet's rows by 1-based row number, each a sparse map of 0-based column to cell.</summary>
    public static SortedDictionary<int, Dictionary<int, Cell>> ReadSheet(SpreadsheetDocument document, string name)
    {
        var workbookPart = document.WorkbookPart ?? throw new InvalidDataException("no workbook part");
        var sheet = workbookPart.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault(s => string.Equals(s.Name?.Value, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new KeyNotFoundException(name);
        var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
        var shared = workbookPart.SharedStringTablePart?.SharedStringTable?.Elements<SharedStringItem>().Select(TextOf).ToArray() ?? [];
        var date1904 = workbookPart.Workbook.WorkbookProperties?.Date1904?.Value == true;
        var dateStyles = date1904 ? DateStyles(workbookPart) : [];

        var rows = new SortedDictionary<int, Dictionary<int, Cell>>();
        using var reader = OpenXmlReader.Create(part);
        var rowNumber = 0;
        var column = -1;
        while (reader.Read())
        {
            if (reader.ElementType == typeof(XRow) && reader.IsStartElement)
            {
                var r = reader.Attributes.FirstOrDefault(a => a.LocalName == "r").Value;
                rowNumber = int.TryParse(r, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : rowNumber + 1;
                column = -1;
            }
            else if (reader.ElementType == typeof(XCell) && reader.IsStartElement)
            {
                var cell = (XCell)reader.LoadCurrentElement()!;
                column = cell.CellReference?.Value is { } reference ? ColumnIndex(reference) : column + 1;
                var value = ValueOf(cell, shared, date1904 && cell.StyleIndex?.Value is { } style && style < dateStyles.Length && dateStyles[style]);
                if (value.IsEmpty) continue;
                if (!rows.TryGetValue(rowNumber, out var cells)) rows[rowNumber] = cells = [];
                cells[column] = value;
            }
        }
        return rows;
    }

    private static Cell ValueOf(XCell cell, string[] shared, bool shift1904)
    {
        var raw = cell.CellValue?.Text;
        var type = cell.DataType?.Value;
        if (type == CellValues.InlineString) return Cell.FromText(cell.InlineString is { } inline ? TextOf(inline) : raw is null ? null : Unescape(raw));
        if (type == CellValues.SharedString)
            return int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < shared.Length ? Cell.FromText(shared[i]) : Cell.Empty;
        if (type == CellValues.String) return Cell.FromText(raw is null ? null : Unescape(raw)); // a formula's text result is ST_Xstring too
        if (type == CellValues.Error) return Cell.FromText(raw);
        if (type == CellValues.Boolean) return Cell.FromBoolean(raw is "1" or "true" or "TRUE");
        if (raw is null) return Cell.Empty;
        if (type == CellValues.Date)
            return DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? Cell.FromNumber(d.ToOADate()) : Cell.FromText(raw);
        if (!double.TryParse(raw, NumberStyles.Float, CultureInfo.InvariantCulture, out var number)) return Cell.FromText(raw);
        return Cell.FromNumber(shift1904 ? number + Days1904 : number);
    }

    private static string TextOf(OpenXmlElement item)
    {
        // Plain text, or the runs of rich text; phonetic runs are not part of the value.
        if (item.GetFirstChild<Text>() is { } text) return Unescape(text.Text);
        return Unescape(string.Concat(item.Elements<Run>().Select(r => r.Text?.Text ?? "")));
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
