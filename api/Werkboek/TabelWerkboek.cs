using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using A = DocumentFormat.OpenXml.Drawing;
using C = DocumentFormat.OpenXml.Drawing.Charts;
using S = DocumentFormat.OpenXml.Spreadsheet;
using Xdr = DocumentFormat.OpenXml.Drawing.Spreadsheet;

namespace MigratieAddin.Api;

/// <summary>A native stacked bar chart drawn from a table: the labels in column A, one series per listed column (its
/// header names the series), each in its own colour (RGB hex).</summary>
public sealed record Staafgrafiek(string Titel, IReadOnlyList<(int Kolom, string Kleur)> Reeksen);

/// <summary>A workbook of one sheet holding a table (whole numbers as numbers, everything else as text) and, when
/// there are rows, a stacked bar chart of it beside the table's first columns.</summary>
public sealed class TabelWerkboek(string blad, IReadOnlyList<string> koppen, IReadOnlyList<object?[]> rijen, Staafgrafiek grafiek)
{
    public byte[] Xlsx()
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbookPart = document.AddWorkbookPart();
            workbookPart.Workbook = new S.Workbook();
            var sheetPart = workbookPart.AddNewPart<WorksheetPart>();
            var data = new S.SheetData();
            data.Append(Row(1, koppen.Cast<object?>().ToArray()));
            for (var i = 0; i < rijen.Count; i++) data.Append(Row((uint)i + 2, rijen[i]));
            var columns = new S.Columns(new S.Column { Min = 1, Max = 1, Width = 48, CustomWidth = true },
                new S.Column { Min = 2, Max = (uint)koppen.Count, Width = 14, CustomWidth = true });
            sheetPart.Worksheet = new S.Worksheet(columns, data);
            if (rijen.Count > 0) AddChart(sheetPart);
            workbookPart.Workbook.AppendChild(new S.Sheets(new S.Sheet { Id = workbookPart.GetIdOfPart(sheetPart), SheetId = 1, Name = blad }));
        }
        return stream.ToArray();
    }

    private static S.Row Row(uint number, object?[] values)
    {
        var row = new S.Row { RowIndex = number };
        for (var c = 0; c < values.Length; c++)
        {
            var reference = XlsxWriter.ColumnName(c) + number;
            row.Append(values[c] switch
            {
                int n => new S.Cell { CellReference = reference, CellValue = new S.CellValue(n) },
                var v => new S.Cell { CellReference = reference, DataType = S.CellValues.InlineString, InlineString = new S.InlineString(new S.Text(XlsxWriter.XmlSafe(Convert.ToString(v, System.Globalization.CultureInfo.InvariantCulture) ?? ""))) },
            });
        }
        return row;
    }

    private void AddChart(WorksheetPart sheetPart)
    {
        var drawingPart = sheetPart.AddNewPart<DrawingsPart>();
        sheetPart.Worksheet.Append(new S.Drawing { Id = sheetPart.GetIdOfPart(drawingPart) });
        var chartPart = drawingPart.AddNewPart<ChartPart>();
        var last = rijen.Count + 1;
        var sheet = blad.All(char.IsAsciiLetterOrDigit) ? blad : "'" + blad.Replace("'", "''", StringComparison.Ordinal) + "'";
        var categories = Invariant($"{sheet}!$A$2:$A${last}");

        var bar = new C.BarChart(new C.BarDirection { Val = C.BarDirectionValues.Bar }, new C.BarGrouping { Val = C.BarGroupingValues.Stacked },
            new C.VaryColors { Val = false });
        for (var s = 0; s < grafiek.Reeksen.Count; s++)
        {
            var column = XlsxWriter.ColumnName(grafiek.Reeksen[s].Kolom);
            bar.Append(new C.BarChartSeries(
                new C.Index { Val = (uint)s }, new C.Order { Val = (uint)s },
                new C.SeriesText(new C.StringReference(new C.Formula(Invariant($"{sheet}!${column}$1")))),
                new C.ChartShapeProperties(new A.SolidFill(new A.RgbColorModelHex { Val = grafiek.Reeksen[s].Kleur })),
                new C.InvertIfNegative { Val = false },
                new C.CategoryAxisData(new C.StringReference(new C.Formula(categories))),
                new C.Values(new C.NumberReference(new C.Formula(Invariant($"{sheet}!${column}$2:${column}${last}"))))));
        }
        bar.Append(new C.GapWidth { Val = 60 }, new C.Overlap { Val = 100 }, new C.AxisId { Val = 1 }, new C.AxisId { Val = 2 });
        var plot = new C.PlotArea(new C.Layout(), bar,
            new C.CategoryAxis(new C.AxisId { Val = 1 }, new C.Scaling(new C.Orientation { Val = C.OrientationValues.MaxMin }), new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Left }, new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo },
                new C.CrossingAxis { Val = 2 }, new C.Crosses { Val = C.CrossesValues.AutoZero }),
            new C.ValueAxis(new C.AxisId { Val = 2 }, new C.Scaling(new C.Orientation { Val = C.OrientationValues.MinMax }), new C.Delete { Val = false },
                new C.AxisPosition { Val = C.AxisPositionValues.Bottom }, new C.MajorGridlines(), new C.NumberingFormat { FormatCode = "0", SourceLinked = false },
                new C.TickLabelPosition { Val = C.TickLabelPositionValues.NextTo }, new C.CrossingAxis { Val = 1 }, new C.Crosses { Val = C.CrossesValues.AutoZero }));
        var title = new C.Title(new C.ChartText(new C.RichText(new A.BodyProperties(), new A.ListStyle(),
            new A.Paragraph(new A.Run(new A.Text(grafiek.Titel))))), new C.Overlay { Val = false });
        chartPart.ChartSpace = new C.ChartSpace(new C.Chart(title, new C.AutoTitleDeleted { Val = false }, plot,
            new C.Legend(new C.LegendPosition { Val = C.LegendPositionValues.Bottom }, new C.Overlay { Val = false }), new C.PlotVisibleOnly { Val = true }));

        // Beside the table's first columns, tall enough for every line.
        var height = Math.Max(15, rijen.Count + 4);
        drawingPart.WorksheetDrawing = new Xdr.WorksheetDrawing(new Xdr.TwoCellAnchor(
            new Xdr.FromMarker(new Xdr.ColumnId("0"), new Xdr.ColumnOffset("0"), new Xdr.RowId((last + 1).ToString(System.Globalization.CultureInfo.InvariantCulture)), new Xdr.RowOffset("0")),
            new Xdr.ToMarker(new Xdr.ColumnId("6"), new Xdr.ColumnOffset("0"), new Xdr.RowId((last + 1 + height).ToString(System.Globalization.CultureInfo.InvariantCulture)), new Xdr.RowOffset("0")),
            new Xdr.GraphicFrame(
                new Xdr.NonVisualGraphicFrameProperties(new Xdr.NonVisualDrawingProperties { Id = 2, Name = grafiek.Titel }, new Xdr.NonVisualGraphicFrameDrawingProperties()),
                new Xdr.Transform(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = 0, Cy = 0 }),
                new A.Graphic(new A.GraphicData(new C.ChartReference { Id = drawingPart.GetIdOfPart(chartPart) }) { Uri = "http://schemas.openxmlformats.org/drawingml/2006/chart" }))
            { Macro = "" },
            new Xdr.ClientData()));
    }
}
