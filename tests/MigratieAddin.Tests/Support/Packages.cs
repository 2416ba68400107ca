using System.IO.Compression;
using System.Text;
using System.Text.RegularExpressions;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>Hostile variations of a workbook, made at the zip or the Open XML level, as an attacker would send them.</summary>
public static class Packages
{
    /// <summary>The workbook with one zip entry's text changed.</summary>
    public static byte[] EditEntry(byte[] xlsx, string name, Func<string, string> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var zip = new ZipArchive(stream, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry(name.TrimStart('/')) ?? throw new ArgumentException($"no entry {name}");
            string text;
            using (var reader = new StreamReader(entry.Open())) text = reader.ReadToEnd();
            entry.Delete();
            using var writer = zip.CreateEntry(name.TrimStart('/'), CompressionLevel.SmallestSize).Open();
            writer.Write(Encoding.UTF8.GetBytes(edit(text)));
        }
        return stream.ToArray();
    }

    /// <summary>The workbook changed through the Open XML SDK.</summary>
    public static byte[] Edit(byte[] xlsx, Action<WorkbookPart> edit)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var document = SpreadsheetDocument.Open(stream, true)) edit(document.WorkbookPart!);
        return stream.ToArray();
    }

    /// <summary>The zip entry that holds a sheet.</summary>
    public static string SheetEntry(byte[] xlsx, string sheet)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbook = document.WorkbookPart!;
        var id = workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == sheet).Id!.Value!;
        return workbook.GetPartById(id).Uri.OriginalString;
    }

    public static string Nested(int depth) => string.Concat(Enumerable.Repeat("<x>", depth)) + string.Concat(Enumerable.Repeat("</x>", depth));

    /// <summary>A row at the end of Toewijzingen whose one cell nests <paramref name="depth"/> elements.</summary>
    public static byte[] DeepCell(byte[] xlsx, int depth) =>
        EditEntry(xlsx, SheetEntry(xlsx, FormatWorkbook.Toewijzingen), text => Regex.Replace(text, "</(\\w+:)?sheetData>",
            m => $"<{m.Groups[1].Value}row r=\"1048000\"><{m.Groups[1].Value}c r=\"A1048000\" t=\"inlineStr\"><{m.Groups[1].Value}is>{Nested(depth)}</{m.Groups[1].Value}is></{m.Groups[1].Value}c></{m.Groups[1].Value}row>{m.Value}"));

    /// <summary>workbook.xml with <paramref name="depth"/> nested elements before its end.</summary>
    public static byte[] DeepWorkbook(byte[] xlsx, int depth) =>
        EditEntry(xlsx, "xl/workbook.xml", text => Regex.Replace(text, "</(\\w+:)?workbook>", m => Nested(depth) + m.Value));

    /// <summary>Adds a copy of Toewijzingen under another name and state, before or after the original.</summary>
    public static byte[] WithCopyOfToewijzingen(byte[] xlsx, string name, SheetStateValues state, bool first)
    {
        return Edit(xlsx, workbook =>
        {
            var sheets = workbook.Workbook.Sheets!;
            var original = sheets.Elements<Sheet>().First(s => s.Name == FormatWorkbook.Toewijzingen);
            var copy = workbook.AddNewPart<WorksheetPart>();
            copy.Worksheet = (Worksheet)((WorksheetPart)workbook.GetPartById(original.Id!)).Worksheet.CloneNode(true);
            var sheet = new Sheet { Name = name, SheetId = sheets.Elements<Sheet>().Max(s => s.SheetId!.Value) + 1, Id = workbook.GetIdOfPart(copy), State = state };
            if (first) sheets.InsertAt(sheet, 0); else sheets.Append(sheet);
        });
    }

    /// <summary>Sets the state of the Toewijzingen sheet (hidden, very hidden).</summary>
    public static byte[] WithToewijzingenState(byte[] xlsx, SheetStateValues state) =>
        Edit(xlsx, workbook => workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == FormatWorkbook.Toewijzingen).State = state);

    /// <summary>Points the Toewijzingen sheet at another part of the workbook.</summary>
    public static byte[] WithToewijzingenPointingAt(byte[] xlsx, Func<WorkbookPart, OpenXmlPart> part) =>
        Edit(xlsx, workbook => workbook.Workbook.Sheets!.Elements<Sheet>().First(s => s.Name == FormatWorkbook.Toewijzingen).Id = workbook.GetIdOfPart(part(workbook)));

    /// <summary>A chartsheet part (a sheet that holds only a chart) added to the workbook.</summary>
    public static OpenXmlPart AddChartsheet(WorkbookPart workbook)
    {
        var part = workbook.AddNewPart<ChartsheetPart>();
        part.Chartsheet = new Chartsheet(new ChartSheetViews(new ChartSheetView { WorkbookViewId = 0 }));
        return part;
    }

    /// <summary>A shared string table with the given items (the workbooks the API writes use inline strings).</summary>
    public static byte[] WithSharedStrings(byte[] xlsx, IEnumerable<string> items) =>
        Edit(xlsx, workbook =>
        {
            var part = workbook.SharedStringTablePart ?? workbook.AddNewPart<SharedStringTablePart>();
            part.SharedStringTable = new SharedStringTable(items.Select(i => new SharedStringItem(new Text(i))));
        });

    /// <summary>Adds a part that the workbook part points to, straight through System.IO.Packaging as any zip tool could.</summary>
    public static byte[] WithRawPart(byte[] xlsx, string uri, string contentType, string relationshipType, byte[] content)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var package = System.IO.Packaging.Package.Open(stream, FileMode.Open, FileAccess.ReadWrite))
        {
            var part = package.CreatePart(new Uri(uri, UriKind.Relative), contentType);
            using (var writer = part.GetStream()) writer.Write(content);
            var workbook = package.GetPart(new Uri("/xl/workbook.xml", UriKind.Relative));
            workbook.CreateRelationship(new Uri(uri, UriKind.Relative), System.IO.Packaging.TargetMode.Internal, relationshipType);
        }
        return stream.ToArray();
    }

    /// <summary>A macro project (VBA) the workbook points to.</summary>
    public static byte[] WithVbaProject(byte[] xlsx) =>
        WithRawPart(xlsx, "/xl/vbaProject.bin", "application/vnd.ms-office.vbaProject",
            "http://schemas.microsoft.com/office/2006/relationships/vbaProject", "Attribute VB_Name = \"Module1\""u8.ToArray());

    /// <summary>An external link part (formulas into another workbook) that itself points to a file elsewhere.</summary>
    public static byte[] WithExternalLink(byte[] xlsx)
    {
        var linked = WithRawPart(xlsx, "/xl/externalLinks/externalLink1.xml", "application/vnd.openxmlformats-officedocument.spreadsheetml.externalLink+xml",
            "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink",
            """<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><externalBook r:id="rId1"><sheetNames><sheetName val="Blad1"/></sheetNames></externalBook></externalLink>"""u8.ToArray());
        using var stream = new MemoryStream();
        stream.Write(linked);
        using (var package = System.IO.Packaging.Package.Open(stream, FileMode.Open, FileAccess.ReadWrite))
            package.GetPart(new Uri("/xl/externalLinks/externalLink1.xml", UriKind.Relative)).CreateRelationship(
                new Uri("file:///C:/geheim/andere.xlsx"), System.IO.Packaging.TargetMode.External,
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath", "rId1");
        return stream.ToArray();
    }

    /// <summary>An external-link relationship of the workbook part straight to a file elsewhere.</summary>
    public static byte[] WithExternalLinkPath(byte[] xlsx)
    {
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var package = System.IO.Packaging.Package.Open(stream, FileMode.Open, FileAccess.ReadWrite))
            package.GetPart(new Uri("/xl/workbook.xml", UriKind.Relative)).CreateRelationship(
                new Uri("file:///C:/geheim/andere.xlsx"), System.IO.Packaging.TargetMode.External,
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLinkPath");
        return stream.ToArray();
    }

    /// <summary>Toewijzingen with row <paramref name="number"/> written twice, one after the other.</summary>
    public static byte[] WithRowTwice(byte[] xlsx, int number) =>
        EditEntry(xlsx, SheetEntry(xlsx, FormatWorkbook.Toewijzingen), text =>
        {
            var row = Regex.Match(text, $"<(\\w+:)?row r=\"{number}\".*?</(\\w+:)?row>", RegexOptions.Singleline);
            if (!row.Success) throw new ArgumentException($"no row {number}");
            return text.Insert(row.Index + row.Length, row.Value);
        });

    /// <summary>Toewijzingen with one cell pointing at shared string <paramref name="index"/> (past the table, or negative).</summary>
    public static byte[] WithSharedStringReference(byte[] xlsx, string index) =>
        EditEntry(xlsx, SheetEntry(xlsx, FormatWorkbook.Toewijzingen), text => Regex.Replace(text, "</(\\w+:)?sheetData>",
            m => $"<{m.Groups[1].Value}row r=\"1048000\"><{m.Groups[1].Value}c r=\"A1048000\" t=\"s\"><{m.Groups[1].Value}v>{index}</{m.Groups[1].Value}v></{m.Groups[1].Value}c></{m.Groups[1].Value}row>{m.Value}"));

    /// <summary>A shared string table written as raw XML (no DOM), for tables too large to build through the SDK.</summary>
    public static byte[] WithRawSharedStrings(byte[] xlsx, int count, Func<int, string> item)
    {
        var xml = new StringBuilder("""<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">""");
        for (var i = 0; i < count; i++) xml.Append("<si><t>").Append(item(i)).Append("</t></si>");
        xml.Append("</sst>");
        var bytes = Encoding.UTF8.GetBytes(xml.ToString());
        using var stream = new MemoryStream();
        stream.Write(xlsx);
        using (var package = System.IO.Packaging.Package.Open(stream, FileMode.Open, FileAccess.ReadWrite))
        {
            var uri = new Uri("/xl/sharedStrings.xml", UriKind.Relative);
            if (package.PartExists(uri)) package.DeletePart(uri);
            var part = package.CreatePart(uri, "application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml", System.IO.Packaging.CompressionOption.Normal);
            using (var writer = part.GetStream()) writer.Write(bytes);
            package.GetPart(new Uri("/xl/workbook.xml", UriKind.Relative)).CreateRelationship(uri, System.IO.Packaging.TargetMode.Internal,
                "http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings");
        }
        return stream.ToArray();
    }

    /// <summary>A relationships part of the workbook with <paramref name="depth"/> nested elements before its end.</summary>
    public static byte[] DeepRelationships(byte[] xlsx, int depth) =>
        EditEntry(xlsx, "xl/_rels/workbook.xml.rels", text => Regex.Replace(text, "</(\\w+:)?Relationships>", m => Nested(depth) + m.Value));
}
