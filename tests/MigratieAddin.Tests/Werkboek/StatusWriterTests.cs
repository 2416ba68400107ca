using System.IO.Compression;
using System.Net;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using MigratieAddin.Api;
using Column = MigratieAddin.Api.Column;
using XCell = DocumentFormat.OpenXml.Spreadsheet.Cell;

namespace MigratieAddin.Tests;

/// <summary>POST /api/controle?formaat=xlsx: Status and Meldingen streamed into the returned workbook, nothing else changed.</summary>
public class StatusWriterTests : IDisposable
{
    private readonly MigratieApi _api = new();
    private readonly HttpClient _client;

    public StatusWriterTests() => _client = _api.CreateClient();

    public void Dispose() => _api.Dispose();

    private async Task<HttpResponseMessage> Check(byte[] xlsx, string query = "?formaat=xlsx") =>
        await _client.PostAsync("/api/controle" + query, Bestand.Upload(xlsx, FormatApi.XlsxType, "terug.xlsx"));

    private async Task<byte[]> Filled(byte[] xlsx)
    {
        var response = await Check(xlsx);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsByteArrayAsync();
    }

    /// <summary>Every cell of the Toewijzingen sheet as its XML, by reference.</summary>
    private static Dictionary<string, string> CellXml(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == FormatWorkbook.Toewijzingen);
        var part = (WorksheetPart)workbookPart.GetPartById(sheet.Id!);
        return part.Worksheet.Descendants<XCell>().ToDictionary(c => c.CellReference!.Value!, c => c.OuterXml);
    }

    private static Dictionary<string, byte[]> Entries(byte[] xlsx)
    {
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        return zip.Entries.ToDictionary(e => e.FullName, e =>
        {
            using var s = new MemoryStream();
            using (var open = e.Open()) open.CopyTo(s);
            return s.ToArray();
        });
    }

    private static string SheetEntry(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var workbookPart = document.WorkbookPart!;
        var sheet = workbookPart.Workbook.Sheets!.Elements<Sheet>().Single(s => s.Name == FormatWorkbook.Toewijzingen);
        return workbookPart.GetPartById(sheet.Id!).Uri.OriginalString.TrimStart('/');
    }

    [Fact]
    public async Task AWrittenBackWorkbookOfThousandsOfRowsKeepsEveryCellAndStyleAndCarriesTheReportsStatusAndMeldingen()
    {
        // An aanbieder's copy: resaved by openpyxl (shared strings, its own styles), a few cells restyled, a formula added.
        var sent = await SealedWorkbooks.MakeAsync(_client, 3_000);
        var returned = ExternalReaders.EditWithOpenpyxl(sent, """
            from openpyxl.styles import Font, PatternFill
            ws = wb['Toewijzingen']
            for r in range(2, ws.max_row + 1, 7):
                ws.cell(r, 5).font = Font(bold=True)
                ws.cell(r, 19).fill = PatternFill('solid', fgColor='FFEE00')
            ws.cell(2, 21).value = 'oude status'
            ws.cell(5, 22).value = '=1+1'
            ws.cell(9, 21).font = Font(italic=True)
            """);
        var report = JsonDocument.Parse(await (await Check(returned, "")).Content.ReadAsStringAsync()).RootElement;
        var filled = await Filled(returned);

        Assert.Empty(Workbooks.ValidationErrors(filled).Except(Workbooks.ValidationErrors(returned)));
        var before = CellXml(returned);
        var after = CellXml(filled);
        var status = XlsxWriter.ColumnName(Column.Status.Position());
        var meldingen = XlsxWriter.ColumnName(Column.Meldingen.Position());
        bool IsTarget(string reference) => reference.TrimEnd("0123456789".ToCharArray()) is var c && (c == status || c == meldingen);
        foreach (var (reference, xml) in before.Where(c => !IsTarget(c.Key)))
            Assert.Equal(xml, after[reference]);
        Assert.Equal(before.Keys.Where(k => !IsTarget(k)).Order(), after.Keys.Where(k => !IsTarget(k)).Order());

        var sheetEntry = SheetEntry(returned);
        var originalEntries = Entries(returned);
        var filledEntries = Entries(filled);
        Assert.Equal(originalEntries.Keys, filledEntries.Keys);
        foreach (var (name, bytes) in originalEntries.Where(e => e.Key != sheetEntry))
            Assert.True(bytes.AsSpan().SequenceEqual(filledEntries[name]), name);

        var cells = Workbooks.Sheet(filled, FormatWorkbook.Toewijzingen);
        Assert.Equal("Status", cells[1][Column.Status.Position()].Text);
        Assert.Equal("Meldingen", cells[1][Column.Meldingen.Position()].Text);
        var rijen = report.GetProperty("rijen").EnumerateArray().ToList();
        Assert.Equal(cells.Count - 1, rijen.Count);
        Assert.True(rijen.Count > 2_500);
        Assert.Contains(rijen, r => r.GetProperty("status").GetString() == "ok");
        Assert.Contains(rijen, r => r.GetProperty("status").GetString() != "ok");
        foreach (var rij in rijen)
        {
            var number = rij.GetProperty("rij").GetInt32();
            Assert.Equal(rij.GetProperty("status").GetString(), cells[number][Column.Status.Position()].Text);
            var texts = string.Join(" | ", rij.GetProperty("meldingen").EnumerateArray().Select(m => m.GetProperty("tekst").GetString()));
            Assert.Equal(texts, cells[number].GetValueOrDefault(Column.Meldingen.Position()).Text ?? "");
        }
        // The replaced cell keeps the aanbieder's style.
        Assert.Equal(
            System.Text.RegularExpressions.Regex.Match(before[$"{status}9"], "s=\"[0-9]+\"").Value,
            System.Text.RegularExpressions.Regex.Match(after[$"{status}9"], "s=\"[0-9]+\"").Value);

        var read = ExternalReaders.Openpyxl(filled).GetProperty("data").GetProperty(FormatWorkbook.Toewijzingen);
        Assert.Equal(rijen[0].GetProperty("status").GetString(), read[1][Column.Status.Position()].GetString());
        Assert.Equal(cells.Count, read.GetArrayLength());
    }

    [Fact]
    public async Task AWorkbookWithMacrosIsRefusedWithADutchMessageAndItsReportIsStillGiven()
    {
        var sent = await SealedWorkbooks.MakeAsync(_client, 3);
        var withMacros = Packages.WithVbaProject(sent);

        var response = await Check(withMacros);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("macro's", await response.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await Check(withMacros, "")).StatusCode);
    }

    [Fact]
    public async Task AWorkbookWithAnExternalLinkIsRefused()
    {
        var sent = await SealedWorkbooks.MakeAsync(_client, 3);
        var linked = Packages.WithExternalLinkPath(sent);

        var response = await Check(linked);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("externe koppelingen", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AWorkbookWhoseSheetHoldsOneRowTwiceIsRefusedRatherThanWrittenBackDamaged()
    {
        var sent = await SealedWorkbooks.MakeAsync(_client, 3);
        var twice = Packages.EditEntry(sent, Packages.SheetEntry(sent, FormatWorkbook.Toewijzingen), text =>
        {
            var row = System.Text.RegularExpressions.Regex.Match(text, "<(\\w+:)?row r=\"3\".*?</(\\w+:)?row>");
            Assert.True(row.Success);
            return text.Insert(row.Index + row.Length, row.Value);
        });

        var response = await Check(twice);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("rij 3 twee keer", await response.Content.ReadAsStringAsync());
    }
}
