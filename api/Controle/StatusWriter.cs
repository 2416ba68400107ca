using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using XCell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using XRow = DocumentFormat.OpenXml.Spreadsheet.Row;

namespace MigratieAddin.Api;

/// <summary>Writes Status and Meldingen into a returned workbook and changes nothing else: the aanbieder's values,
/// formatting and extra tabs stay as they are.</summary>
public static class StatusWriter
{
    public static byte[] Fill(byte[] original, ReturnedWorkbook workbook, Beoordeling report)
    {
        using var stream = new MemoryStream();
        stream.Write(original);
        using (var document = SpreadsheetDocument.Open(stream, true))
        {
            var workbookPart = document.WorkbookPart!;
            var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>()
                .First(s => string.Equals(s.Name?.Value?.Trim(), FormatWorkbook.Toewijzingen, StringComparison.OrdinalIgnoreCase));
            var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
            var data = part.Worksheet.GetFirstChild<SheetData>()!;
            var rows = data.Elements<XRow>().Where(r => r.RowIndex is not null).ToDictionary(r => (int)r.RowIndex!.Value);

            var width = rows.Values.SelectMany(r => r.Elements<XCell>()).Select(c => c.CellReference?.Value is { } reference ? XlsxReader.ColumnIndex(reference) : 0).DefaultIfEmpty(0).Max() + 1;
            var statusColumn = workbook.ColumnIndexes.TryGetValue(Column.Status, out var s) ? s : width++;
            var meldingenColumn = workbook.ColumnIndexes.TryGetValue(Column.Meldingen, out var m) ? m : width++;
            Set(data, rows, 1, statusColumn, Column.Status.Header());
            Set(data, rows, 1, meldingenColumn, Column.Meldingen.Header());

            foreach (var rij in report.Rijen)
            {
                if (rij.Rij is not { } number) continue;
                Set(data, rows, number, statusColumn, rij.Status.ToString().ToLowerInvariant());
                Set(data, rows, number, meldingenColumn, string.Join(" | ", rij.Meldingen.Select(x => x.Tekst)));
            }
            part.Worksheet.Save();
        }
        return stream.ToArray();
    }

    private static void Set(SheetData data, Dictionary<int, XRow> rows, int number, int column, string text)
    {
        if (!rows.TryGetValue(number, out var row))
        {
            row = new XRow { RowIndex = (uint)number };
            var next = rows.Keys.Where(k => k > number).DefaultIfEmpty(int.MaxValue).Min();
            if (next == int.MaxValue) data.Append(row); else data.InsertBefore(row, rows[next]);
            rows[number] = row;
        }
        var reference = XlsxWriter.Reference(column, number);
        var cell = row.Elements<XCell>().FirstOrDefault(c => c.CellReference?.Value == reference);
        if (cell is null)
        {
            cell = new XCell { CellReference = reference };
            var after = row.Elements<XCell>().FirstOrDefault(c => c.CellReference?.Value is { } r && XlsxReader.ColumnIndex(r) > column);
            if (after is null) row.Append(cell); else row.InsertBefore(cell, after);
        }
        cell.CellFormula = null;
        cell.CellValue = null;
        cell.RemoveAllChildren();
        cell.DataType = CellValues.InlineString;
        cell.AppendChild(new InlineString(new Text(XlsxWriter.XmlSafe(text)) { Space = DocumentFormat.OpenXml.SpaceProcessingModeValues.Preserve }));
    }
}
