using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using XCell = DocumentFormat.OpenXml.Spreadsheet.Cell;
using XColumn = DocumentFormat.OpenXml.Spreadsheet.Column;
using XColumns = DocumentFormat.OpenXml.Spreadsheet.Columns;
using XRow = DocumentFormat.OpenXml.Spreadsheet.Row;

namespace MigratieAddin.Api;

/// <summary>Style indexes of the stylesheet every generated workbook carries (see <see cref="XlsxWriter.Stylesheet"/>).</summary>
public enum Stijl : uint
{
    Standaard = 0, KopBlauw = 1, KopGeel = 2, KopGrijs = 3, Datum = 4, Tekst = 5, Omloop = 6, Titel = 7, Kop = 8, Bedrag = 9,
}

/// <summary>The cell styles of the conditional formats on the Status column, in stylesheet order.</summary>
public enum StatusOpmaak : uint { Fout = 0, Overleg = 1, Onvolledig = 2, Ok = 3 }

/// <summary>One cell to write: text (always as text, never a formula), a number, or a date. A cell with a
/// <see cref="Span"/> above 1 is merged with the cells to its right (leave those out of the row).</summary>
public readonly record struct XlsxCell(string? Text, double? Number, Stijl Stijl = Stijl.Standaard, int Span = 1)
{
    public static XlsxCell Of(string? text, Stijl stijl = Stijl.Standaard) => new(text, null, stijl);
    public static XlsxCell Of(double number, Stijl stijl = Stijl.Standaard) => new(null, number, stijl);
    public static XlsxCell Of(DateOnly date) => new(null, date.DayNumber - new DateOnly(1899, 12, 30).DayNumber, Stijl.Datum);
    /// <summary>A paragraph: wrapped text over <paramref name="span"/> merged columns, its row as tall as its lines.</summary>
    public static XlsxCell Alinea(string text, int span) => new(text, null, Stijl.Omloop, span);
    public static readonly XlsxCell Empty = default;
}

/// <summary>A column's width, whether it is hidden, and the style new cells in it get (Tekst keeps leading zeros).</summary>
public sealed record ColumnSpec(double Width, bool Hidden = false, Stijl? Style = null);

/// <summary>Everything about a worksheet besides its cells that the writer knows how to write.</summary>
public sealed record SheetOptions
{
    public IReadOnlyList<ColumnSpec> Columns { get; init; } = [];
    public bool FreezeHeader { get; init; }
    public bool AutoFilter { get; init; }
    /// <summary>Conditional formats: the column (0-based) whose text decides, and the style per leading word.</summary>
    public (int Column, IReadOnlyList<(string Text, StatusOpmaak Opmaak)> Rules)? StatusFormats { get; init; }
    /// <summary>A dropdown list on a column (0-based), fed from a range of another sheet.</summary>
    public (int Column, string Source, string Prompt, string Error)? ListValidation { get; init; }
}

/// <summary>The one place that writes spreadsheets: streams sheets with OpenXmlWriter, shares one stylesheet,
/// and writes every text as an inline string so nothing typed can become a formula.</summary>
public static class XlsxWriter
{
    public const int MaxRows = 1_048_576;

    public static SpreadsheetDocument Create(Stream stream)
    {
        var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);
        var workbookPart = document.AddWorkbookPart();
        workbookPart.Workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 1 }), new Sheets());
        workbookPart.AddNewPart<WorkbookStylesPart>().Stylesheet = Stylesheet();
        return document;
    }

    /// <summary>Adds a sheet and streams its rows; returns its 0-based index among the sheets.</summary>
    public static int AddSheet(SpreadsheetDocument document, string name, IEnumerable<IReadOnlyList<XlsxCell>> rows, SheetOptions? options = null, bool hidden = false)
    {
        options ??= new SheetOptions();
        var workbookPart = document.WorkbookPart!;
        var part = workbookPart.AddNewPart<WorksheetPart>();
        var sheets = workbookPart.Workbook.Sheets!;
        var index = sheets.ChildElements.Count;
        sheets.Append(new Sheet
        {
            Id = workbookPart.GetIdOfPart(part),
            SheetId = (uint)index + 1,
            Name = name,
            State = hidden ? SheetStateValues.VeryHidden : null,
        });

        int rowCount, width;
        using (var writer = OpenXmlWriter.Create(part)) (rowCount, width) = WriteWorksheet(writer, index, rows, options);

        if (options.AutoFilter && width > 0)
            (workbookPart.Workbook.DefinedNames ??= new DefinedNames()).Append(FilterDatabase(name, index, rowCount, width));
        return index;
    }

    private static DefinedName FilterDatabase(string name, int index, int rowCount, int width) =>
        new(Invariant($"'{name}'!$A$1:${ColumnName(width - 1)}${Math.Max(rowCount, 2)}")) { Name = "_xlnm._FilterDatabase", LocalSheetId = (uint)index, Hidden = true };

    /// <summary>The worksheet XML of one sheet: views, columns, the rows as they stream in, filter and formats.</summary>
    private static (int RowCount, int Width) WriteWorksheet(OpenXmlWriter writer, int index, IEnumerable<IReadOnlyList<XlsxCell>> rows, SheetOptions options)
    {
        var rowCount = 0;
        var width = 0;
        writer.WriteStartElement(new Worksheet());
        if (options.FreezeHeader)
        {
            writer.WriteStartElement(new SheetViews());
            writer.WriteStartElement(new SheetView { WorkbookViewId = 0, TabSelected = index == 1 ? true : null });
            writer.WriteElement(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
            writer.WriteElement(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } });
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        if (options.Columns.Count > 0)
        {
            writer.WriteStartElement(new XColumns());
            for (var c = 0; c < options.Columns.Count; c++)
            {
                var spec = options.Columns[c];
                writer.WriteElement(new XColumn
                {
                    Min = (uint)c + 1,
                    Max = (uint)c + 1,
                    Width = spec.Width,
                    CustomWidth = true,
                    Hidden = spec.Hidden ? true : null,
                    Style = spec.Style is { } st ? (uint)st : null,
                });
            }
            writer.WriteEndElement();
        }
        writer.WriteStartElement(new SheetData());
        var cells = new CellWriter(writer);
        var merged = new List<string>();
        foreach (var row in rows)
        {
            rowCount++;
            width = Math.Max(width, row.Count);
            // Excel and LibreOffice keep a written row at its default height: a row of wrapped text needs its own.
            cells.Row(row, rowCount, RowHeight(row, options.Columns));
            for (int c = 0, at = 0; c < row.Count; at += Math.Max(1, row[c].Span), c++)
                if (row[c].Span > 1) merged.Add(Invariant($"{Reference(at, rowCount)}:{Reference(at + row[c].Span - 1, rowCount)}"));
        }
        writer.WriteEndElement(); // sheetData

        if (options.AutoFilter && width > 0)
            writer.WriteElement(new AutoFilter { Reference = Invariant($"A1:{ColumnName(width - 1)}{Math.Max(rowCount, 2)}") });
        if (merged.Count > 0)
        {
            writer.WriteStartElement(new MergeCells { Count = (uint)merged.Count });
            foreach (var range in merged) writer.WriteElement(new MergeCell { Reference = range });
            writer.WriteEndElement();
        }
        if (options.StatusFormats is { } formats)
        {
            var column = ColumnName(formats.Column);
            writer.WriteStartElement(new ConditionalFormatting { SequenceOfReferences = new ListValue<StringValue> { InnerText = Invariant($"{column}2:{column}{MaxRows}") } });
            var priority = 1;
            foreach (var (text, opmaak) in formats.Rules)
            {
                writer.WriteStartElement(new ConditionalFormattingRule
                {
                    Type = ConditionalFormatValues.BeginsWith,
                    Operator = ConditionalFormattingOperatorValues.BeginsWith,
                    Text = text,
                    FormatId = (uint)opmaak,
                    Priority = priority++,
                });
                writer.WriteElement(new Formula($"LEFT({column}2,LEN(\"{text}\"))=\"{text}\""));
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        if (options.ListValidation is { } list)
        {
            var column = ColumnName(list.Column);
            writer.WriteStartElement(new DataValidations { Count = 1 });
            writer.WriteStartElement(new DataValidation
            {
                Type = DataValidationValues.List,
                AllowBlank = true,
                ShowInputMessage = true,
                ShowErrorMessage = true,
                ErrorStyle = DataValidationErrorStyleValues.Warning,
                ErrorTitle = "Onbekende code",
                Error = list.Error,
                PromptTitle = "Kies uit de lijst",
                Prompt = list.Prompt,
                SequenceOfReferences = new ListValue<StringValue> { InnerText = Invariant($"{column}2:{column}{MaxRows}") },
            });
            writer.WriteElement(new Formula1(list.Source));
            writer.WriteEndElement();
            writer.WriteEndElement();
        }
        writer.WriteEndElement(); // worksheet
        return (rowCount, width);
    }

    /// <summary>Points per line of 11-point Calibri (Excel's default row height) and the characters of that font a column
    /// of width w holds (its width counts characters of the digit zero, the bold header letters a little wider).</summary>
    private const double LinePoints = 15;
    private const double CharactersPerWidth = 0.85;

    /// <summary>The width a header column needs so that its longest word stays whole on one line.</summary>
    public static double WidthForWords(string text) =>
        Math.Ceiling(text.Split(' ', '\n').Max(w => w.Length) / CharactersPerWidth) + 1;

    /// <summary>The height of a row whose wrapping cells (headers, paragraphs) need more than one line, or null when one
    /// line does. A merged cell wraps within the width of all its columns.</summary>
    internal static double? RowHeight(IReadOnlyList<XlsxCell> row, IReadOnlyList<ColumnSpec> columns)
    {
        var lines = 1;
        for (int c = 0, at = 0; c < row.Count && at < columns.Count; at += Math.Max(1, row[c].Span), c++)
        {
            if (row[c] is not { Text: { Length: > 0 } text, Stijl: Stijl.KopBlauw or Stijl.KopGeel or Stijl.KopGrijs or Stijl.Omloop }) continue;
            var wide = 0d;
            for (var k = at; k < at + Math.Max(1, row[c].Span) && k < columns.Count; k++) wide += columns[k].Width;
            lines = Math.Max(lines, WrappedLines(text, (int)Math.Floor(wide * CharactersPerWidth)));
        }
        return lines == 1 ? null : lines * LinePoints + 3;
    }

    /// <summary>How many lines a text takes when wrapped at spaces into lines of at most <paramref name="perLine"/>
    /// characters; a word longer than a line is broken, as Excel breaks it.</summary>
    internal static int WrappedLines(string text, int perLine)
    {
        perLine = Math.Max(1, perLine);
        var lines = 0;
        foreach (var paragraph in text.Split('\n'))
        {
            var used = -1; // characters on the current line; -1 before a line is begun
            foreach (var word in paragraph.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (used >= 0 && used + 1 + word.Length <= perLine) { used += 1 + word.Length; continue; }
                lines += (word.Length + perLine - 1) / perLine;
                used = (word.Length - 1) % perLine + 1;
            }
            if (used < 0) lines++;
        }
        return Math.Max(1, lines);
    }

    /// <summary>One sheet for <see cref="WriteStreamed"/>.</summary>
    public sealed record StreamedSheet(string Name, IEnumerable<IReadOnlyList<XlsxCell>> Rows, SheetOptions Options);

    /// <summary>Writes a whole workbook (the shared stylesheet, visible sheets) forward only into a new zip on
    /// <paramref name="output"/>, each worksheet streamed straight into its compressed entry. The SDK's package keeps
    /// every part uncompressed in a growing MemoryStream until it is saved (a conversion list of 100,000 lines: about
    /// 200 MB of large arrays); here nothing but the compressed workbook is held. The parts are those the SDK writes.</summary>
    public static void WriteStreamed(Stream output, IReadOnlyList<StreamedSheet> sheets)
    {
        const string Relationships = "http://schemas.openxmlformats.org/package/2006/relationships";
        const string OfficeRelationships = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
        using var zip = new System.IO.Compression.ZipArchive(output, System.IO.Compression.ZipArchiveMode.Create, leaveOpen: true);
        var workbook = new Workbook(new BookViews(new WorkbookView { ActiveTab = 1 }), new Sheets());
        workbook.AddNamespaceDeclaration("r", OfficeRelationships);
        for (var i = 0; i < sheets.Count; i++)
        {
            var sheet = sheets[i];
            int rowCount, width;
            using (var stream = zip.CreateEntry($"xl/worksheets/sheet{i + 1}.xml", System.IO.Compression.CompressionLevel.Fastest).Open())
            using (var writer = OpenXmlWriter.Create(stream))
                (rowCount, width) = WriteWorksheet(writer, i, sheet.Rows, sheet.Options);
            workbook.Sheets!.Append(new Sheet { Id = $"rId{i + 1}", SheetId = (uint)i + 1, Name = sheet.Name });
            if (sheet.Options.AutoFilter && width > 0) (workbook.DefinedNames ??= new DefinedNames()).Append(FilterDatabase(sheet.Name, i, rowCount, width));
        }
        using (var stream = zip.CreateEntry("xl/workbook.xml").Open()) workbook.Save(stream);
        using (var stream = zip.CreateEntry("xl/styles.xml").Open()) Stylesheet().Save(stream);
        Text("xl/_rels/workbook.xml.rels", $"<Relationships xmlns=\"{Relationships}\">"
            + string.Concat(sheets.Select((_, i) => $"<Relationship Type=\"{OfficeRelationships}/worksheet\" Target=\"/xl/worksheets/sheet{i + 1}.xml\" Id=\"rId{i + 1}\" />"))
            + $"<Relationship Type=\"{OfficeRelationships}/styles\" Target=\"/xl/styles.xml\" Id=\"rId{sheets.Count + 1}\" /></Relationships>");
        Text("_rels/.rels", $"<Relationships xmlns=\"{Relationships}\"><Relationship Type=\"{OfficeRelationships}/officeDocument\" Target=\"/xl/workbook.xml\" Id=\"rId1\" /></Relationships>");
        Text("[Content_Types].xml", "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
            + "<Default Extension=\"xml\" ContentType=\"application/xml\" /><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\" />"
            + "<Override PartName=\"/xl/workbook.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\" />"
            + "<Override PartName=\"/xl/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\" />"
            + string.Concat(sheets.Select((_, i) => $"<Override PartName=\"/xl/worksheets/sheet{i + 1}.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\" />"))
            + "</Types>");

        void Text(string entry, string xml)
        {
            using var stream = zip.CreateEntry(entry).Open();
            stream.Write(Encoding.UTF8.GetBytes("<?xml version=\"1.0\" encoding=\"utf-8\"?>" + xml));
        }
    }

    /// <summary>Writes rows of cells with one element object of each kind and one attribute array per cell shape, reused
    /// for every cell: a conversion list of 100,000 lines has 1.5 million cells, and an element object (with its features)
    /// per cell, value and text cost about a gigabyte of allocations. The XML written is the same.</summary>
    private sealed class CellWriter(OpenXmlWriter writer)
    {
        private static readonly OpenXmlAttribute Preserve = new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve");
        private static readonly OpenXmlAttribute InlineStr = new("t", "", "inlineStr");
        private readonly XRow _row = new();
        private readonly XCell _cell = new();
        private readonly CellValue _value = new();
        private readonly InlineString _inline = new();
        private readonly Text _text = new();
        private readonly OpenXmlAttribute[] _one = new OpenXmlAttribute[1], _two = new OpenXmlAttribute[2], _three = new OpenXmlAttribute[3];
        private readonly OpenXmlAttribute[] _preserve = [Preserve];
        private readonly List<string> _columns = [];

        public void Row(IReadOnlyList<XlsxCell> row, int number, double? height = null)
        {
            var r = number.ToString(CultureInfo.InvariantCulture);
            _one[0] = new OpenXmlAttribute("r", "", r);
            if (height is { } h)
                writer.WriteStartElement(_row, [_one[0], new OpenXmlAttribute("ht", "", h.ToString("0.##", CultureInfo.InvariantCulture)), new OpenXmlAttribute("customHeight", "", "1")]);
            else
                writer.WriteStartElement(_row, _one);
            for (int c = 0, at = 0; c < row.Count; at += Math.Max(1, row[c].Span), c++) Cell(row[c], string.Concat(Column(at), r));
            writer.WriteEndElement();
        }

        private string Column(int index)
        {
            while (_columns.Count <= index) _columns.Add(ColumnName(_columns.Count));
            return _columns[index];
        }

        private void Cell(XlsxCell cell, string reference)
        {
            OpenXmlAttribute? style = cell.Stijl == Stijl.Standaard ? null : new OpenXmlAttribute("s", "", Styles[(int)cell.Stijl]);
            if (cell.Number is { } number)
            {
                writer.WriteStartElement(_cell, Attributes(new("r", "", reference), style));
                writer.WriteStartElement(_value);
                writer.WriteString(number.ToString("R", CultureInfo.InvariantCulture));
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            else if (!string.IsNullOrEmpty(cell.Text))
            {
                writer.WriteStartElement(_cell, Attributes(new("r", "", reference), InlineStr, style));
                writer.WriteStartElement(_inline);
                writer.WriteStartElement(_text, _preserve);
                writer.WriteString(XmlSafe(cell.Text));
                writer.WriteEndElement();
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            else if (style is { } s)
            {
                writer.WriteStartElement(_cell, Attributes(new("r", "", reference), s));
                writer.WriteEndElement();
            }
        }

        private OpenXmlAttribute[] Attributes(OpenXmlAttribute first, OpenXmlAttribute? second, OpenXmlAttribute? third = null)
        {
            if (second is not { } b) { _one[0] = first; return _one; }
            if (third is not { } c) { _two[0] = first; _two[1] = b; return _two; }
            _three[0] = first; _three[1] = b; _three[2] = c;
            return _three;
        }

        private static readonly string[] Styles = [.. Enumerable.Range(0, 16).Select(i => i.ToString(CultureInfo.InvariantCulture))];
    }

    /// <summary>Text as ST_Xstring holds it, written as Excel writes it (ECMA-376 22.9.2.19, MS-OI29500 2.1.1747): characters
    /// XML cannot hold, a lone surrogate and the carriage return (which XML parsers turn into a line feed) become _xHHHH_,
    /// and an underscore that would otherwise be read as the start of such an escape becomes _x005F_.</summary>
    public static string XmlSafe(string text)
    {
        for (var i = 0; i < text.Length; i++)
            if (MustEscape(text, i) || text[i] == '_' && StartsEscape(text, i)) return Escape(text);
        return text;

        static string Escape(string text)
        {
            var b = new StringBuilder(text.Length + 16);
            for (var i = 0; i < text.Length; i++)
            {
                var c = text[i];
                if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1])) b.Append(c).Append(text[++i]);
                else if (MustEscape(text, i) || c == '_' && StartsEscape(text, i)) b.Append("_x").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture)).Append('_');
                else b.Append(c);
            }
            return b.ToString();
        }
    }

    /// <summary>Does the underscore at <paramref name="i"/>, once written, start "_xHHHH_"? The closing underscore may be a
    /// literal one or the first character of the escape of what follows.</summary>
    private static bool StartsEscape(string text, int i) =>
        i + 6 < text.Length && text[i + 1] == 'x' && char.IsAsciiHexDigit(text[i + 2]) && char.IsAsciiHexDigit(text[i + 3])
        && char.IsAsciiHexDigit(text[i + 4]) && char.IsAsciiHexDigit(text[i + 5]) && (text[i + 6] == '_' || MustEscape(text, i + 6));

    private static bool MustEscape(string text, int i)
    {
        var c = text[i];
        if (char.IsHighSurrogate(c)) return i + 1 >= text.Length || !char.IsLowSurrogate(text[i + 1]);
        if (char.IsLowSurrogate(c)) return i == 0 || !char.IsHighSurrogate(text[i - 1]);
        return !(c is '\t' or '\n' || (c >= 0x20 && c <= 0xD7FF) || (c >= 0xE000 && c <= 0xFFFD));
    }

    public static string Reference(int column, int row) => ColumnName(column) + row.ToString(CultureInfo.InvariantCulture);

    public static string ColumnName(int index)
    {
        var name = "";
        for (var n = index + 1; n > 0; n = (n - 1) / 26) name = (char)('A' + (n - 1) % 26) + name;
        return name;
    }

    /// <summary>The status colours (text, fill) of the Status column's conditional formats, in the order of their dxf ids;
    /// the overview's chart draws each status in its text colour. The pane's STATUS_STYLE (format.ts) holds the same.</summary>
    public static readonly IReadOnlyList<(string Status, string Tekst, string Vulling)> Statuskleuren =
        [("fout", "A4262C", "FDE7E9"), ("overleg", "8A5700", "FFF4CE"), ("onvolledig", "3B3A39", "EDEBE9"), ("ok", "0E700E", "DFF6DD")];

    private static Stylesheet Stylesheet()
    {
        static Fill Solid(string rgb) => new(new PatternFill(new ForegroundColor { Rgb = "FF" + rgb }, new BackgroundColor { Indexed = 64 }) { PatternType = PatternValues.Solid });
        static DifferentialFormat Dxf(string font, string fill) => new(
            new Font(new Color { Rgb = "FF" + font }),
            new Fill(new PatternFill(new BackgroundColor { Rgb = "FF" + fill }) { PatternType = PatternValues.Solid }));
        var thin = new Border(
            new LeftBorder(new Color { Rgb = "FFA6A6A6" }) { Style = BorderStyleValues.Thin },
            new RightBorder(new Color { Rgb = "FFA6A6A6" }) { Style = BorderStyleValues.Thin },
            new TopBorder(new Color { Rgb = "FFA6A6A6" }) { Style = BorderStyleValues.Thin },
            new BottomBorder(new Color { Rgb = "FFA6A6A6" }) { Style = BorderStyleValues.Thin },
            new DiagonalBorder());
        CellFormat Xf(uint font = 0, uint fill = 0, uint border = 0, uint numFmt = 0, bool wrap = false) => new(wrap ? new Alignment { WrapText = true, Vertical = VerticalAlignmentValues.Top } : null!)
        {
            FontId = font,
            FillId = fill,
            BorderId = border,
            NumberFormatId = numFmt,
            FormatId = 0,
            ApplyFont = font != 0 ? true : null,
            ApplyFill = fill != 0 ? true : null,
            ApplyBorder = border != 0 ? true : null,
            ApplyNumberFormat = numFmt != 0 ? true : null,
            ApplyAlignment = wrap ? true : null,
        };

        return new Stylesheet(
            new NumberingFormats(new NumberingFormat { NumberFormatId = 164, FormatCode = "dd-mm-yyyy" }, new NumberingFormat { NumberFormatId = 165, FormatCode = "#,##0.00" }) { Count = 2 },
            new Fonts(
                new Font(new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 11 }, new FontName { Val = "Calibri" }),
                new Font(new Bold(), new FontSize { Val = 14 }, new FontName { Val = "Calibri" }))
            { Count = 3 },
            new Fills(
                new Fill(new PatternFill { PatternType = PatternValues.None }),
                new Fill(new PatternFill { PatternType = PatternValues.Gray125 }),
                Solid("DDEBF7"), Solid("FFF2CC"), Solid("EDEDED"))
            { Count = 5 },
            new Borders(new Border(new LeftBorder(), new RightBorder(), new TopBorder(), new BottomBorder(), new DiagonalBorder()), thin) { Count = 2 },
            new CellStyleFormats(new CellFormat { NumberFormatId = 0, FontId = 0, FillId = 0, BorderId = 0 }) { Count = 1 },
            new CellFormats(
                Xf(),
                Xf(font: 1, fill: 2, border: 1, wrap: true),
                Xf(font: 1, fill: 3, border: 1, wrap: true),
                Xf(font: 1, fill: 4, border: 1, wrap: true),
                Xf(numFmt: 164),
                Xf(numFmt: 49),
                Xf(wrap: true),
                Xf(font: 2),
                Xf(font: 1, border: 1),
                Xf(numFmt: 165))
            { Count = 10 },
            new CellStyles(new CellStyle { Name = "Normal", FormatId = 0, BuiltinId = 0 }) { Count = 1 },
            new DifferentialFormats(Statuskleuren.Select(k => Dxf(k.Tekst, k.Vulling))) { Count = (uint)Statuskleuren.Count });
    }
}
