using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>Split -> edit as an aanbieder would (openpyxl, LibreOffice) -> check -> exactly the expected codes.</summary>
public class RoundTripTests : IDisposable
{
    private readonly MigratieApi _api = new();
    private readonly HttpClient _client;

    public RoundTripTests() => _client = _api.CreateClient();

    public void Dispose() => _api.Dispose();

    /// <summary>The sealed workbook of gemeente Zwartewaterland for Gamma Wonen Jong (3 demo rows), as the zip holds it.</summary>
    private async Task<byte[]> SentWorkbook(string entry = "Zwartewaterland/Gamma Wonen Jong 98000033.xlsx")
    {
        var form = Bestand.Upload(File.ReadAllBytes(DemoExport.Path), "text/csv", "export.csv");
        var zip = new ZipArchive(new MemoryStream(await (await _client.PostAsync("/api/format/per-aanbieder", form)).Content.ReadAsByteArrayAsync()));
        using var s = new MemoryStream();
        zip.GetEntry(entry)!.Open().CopyTo(s);
        return s.ToArray();
    }

    private async Task<HttpResponseMessage> Upload(string url, byte[] xlsx)
    {
        return await _client.PostAsync(url, Bestand.Upload(xlsx, FormatApi.XlsxType, "terug.xlsx"));
    }

    private async Task<JsonElement> Check(byte[] xlsx)
    {
        var response = await Upload("/api/controle", xlsx);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static List<(int? Rij, string Code, string? Kolom)> Codes(JsonElement report, params string[] only) =>
        report.GetProperty("rijen").EnumerateArray().SelectMany(r => r.GetProperty("meldingen").EnumerateArray().Select(m =>
                ((int?)r.GetProperty("rij").GetInt32(), m.GetProperty("code").GetString()!, m.GetProperty("kolom").GetString())))
            .Concat(report.GetProperty("meldingen").EnumerateArray().Select(m => ((int?)null, m.GetProperty("code").GetString()!, (string?)null)))
            .Where(c => only.Length == 0 || only.Contains(c.Item2)).ToList();

    private static readonly string[] SealCodes = ["GEEN_VERZEGELING", "VERZEGELING_ONGELDIG", "BLAUW_GEWIJZIGD", "REGEL_TOEGEVOEGD", "REGEL_VERWIJDERD"];

    // Yellow columns on the format: P (productcode2023), S (budget2023), O (productcategorie2023); blue E (naam).
    private const string FillYellow = "ws = wb['Toewijzingen']\nfor r in range(2, ws.max_row + 1):\n    if ws.cell(r, 9).value: ws.cell(r, 16).value = {'44312': '44A21', '44311': '44A21', '44321': '44A27', '44301': '44A08', '44303': '44A08'}.get(str(ws.cell(r, 9).value), '44A21')\n";

    [Fact]
    public async Task AnUntouchedSentWorkbookHasNoSealMeldingen()
    {
        var report = await Check(await SentWorkbook());
        Assert.Empty(Codes(report, SealCodes));
        Assert.Equal(3, report.GetProperty("telling").GetProperty("onvolledig").GetInt32());
    }

    [Fact]
    public async Task AnAanbiedersEditsGiveExactlyTheExpectedCodes()
    {
        var script = FillYellow + """
            ws.cell(3, 5).value = 'Andere Naam'
            copy = [c.value for c in ws[2]]
            ws.delete_rows(4)
            ws.append(copy)
            last = ws.max_row
            ws.cell(last, 15).value = '50'
            ws.cell(last, 16).value = None
            ws.cell(last, 19).value = 1500
            extra = list(copy)
            extra[6] = 399999999
            extra[22] = None
            ws.append(extra)
            rows = sorted([[c.value for c in r] for r in ws.iter_rows(min_row=2)], key=lambda v: str(v[3]), reverse=True)
            for i, values in enumerate(rows):
                for j, v in enumerate(values):
                    ws.cell(i + 2, j + 1).value = v
            """;
        var sent = await SentWorkbook();
        var toewijzingnummers = Workbooks.Sheet(sent, FormatWorkbook.Toewijzingen).Values.Skip(1).Select(r => r[Column.Toewijzingnummer.Position()].Number).ToList();
        var report = await Check(ExternalReaders.EditWithOpenpyxl(sent, script));
        var codes = Codes(report, SealCodes);
        Assert.Single(codes, c => c.Code == "BLAUW_GEWIJZIGD" && c.Kolom == "naam");
        var removed = Assert.Single(codes, c => c.Code == "REGEL_VERWIJDERD");
        Assert.Single(codes, c => c.Code == "REGEL_TOEGEVOEGD");
        Assert.Equal(3, codes.Count);
        var text = report.GetProperty("meldingen").EnumerateArray().Single(m => m.GetProperty("code").GetString() == "REGEL_VERWIJDERD").GetProperty("tekst").GetString()!;
        Assert.Contains(((long)toewijzingnummers[2]).ToString(), text);
    }

    [Fact]
    public async Task ACopiedOmzettingRowIsAnAddedRowAndTheOriginalStaysTheSentOne()
    {
        var report = await Check(ExternalReaders.EditWithOpenpyxl(await SentWorkbook(), "ws = wb['Toewijzingen']\nws.append([c.value for c in ws[3]])"));
        Assert.Equal([(5, "REGEL_TOEGEVOEGD")], Codes(report, SealCodes).Select(c => (c.Rij ?? 0, c.Code)));
    }

    [Fact]
    public async Task AWorkbookSavedInThe1904DateSystemRaisesNoFalseAlarm()
    {
        var mac = ExternalReaders.EditWithOpenpyxl(await SentWorkbook(), "from openpyxl.utils.datetime import CALENDAR_MAC_1904\nwb.epoch = CALENDAR_MAC_1904");
        using (var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(mac), false))
            Assert.True(document.WorkbookPart!.Workbook.WorkbookProperties?.Date1904?.Value);
        Assert.Empty(Codes(await Check(mac), SealCodes));
    }

    [Fact]
    public async Task ALibreOfficeResaveRaisesNoFalseAlarm()
    {
        var resaved = ExternalReaders.ResaveWithLibreOffice(ExternalReaders.EditWithOpenpyxl(await SentWorkbook(), FillYellow));
        var report = await Check(resaved);
        Assert.Empty(Codes(report, SealCodes));
        Assert.Equal(3, report.GetProperty("rijen").GetArrayLength());
    }

    [Theory]
    [InlineData("ws = wb['Verzegeling']\nws.cell(2, 1).value = ws.cell(2, 1).value.replace(';', ';9', 1)", "VERZEGELING_ONGELDIG")]
    [InlineData("del wb['Verzegeling']", "VERZEGELING_ONGELDIG")]
    [InlineData("ws = wb['Verzegeling']\nws.cell(1, 1).value = 'geen zegel'", "VERZEGELING_ONGELDIG")]
    public async Task EditingOrDroppingTheSealIsDetected(string script, string code)
    {
        var report = await Check(ExternalReaders.EditWithOpenpyxl(await SentWorkbook(), script));
        Assert.Contains(code, Codes(report).Select(c => c.Code));
    }

    [Theory]
    [InlineData("del wb['Verzegeling']")]
    [InlineData("ws = wb['Verzegeling']\nws.delete_rows(1, ws.max_row)")]
    [InlineData("wb['Verzegeling'].title = 'verzegeling'")]
    [InlineData("wb['Verzegeling'].title = ' Verzegeling '")]
    [InlineData("wb['Verzegeling'].title = 'Verzegeling oud'\nwb.create_sheet('Verzegeling')")]
    public async Task ASealThatIsGoneEmptiedOrRenamedIsVerzegelingOngeldigAndNothingIsConverted(string script)
    {
        // The aanbieder removes the seal and then changes a volume: nothing in the workbook can be trusted any more.
        var returned = ExternalReaders.EditWithOpenpyxl(await SentWorkbook(), FillYellow + script + "\nwb['Toewijzingen'].cell(2, 12).value = 99");
        var report = await Check(returned);
        Assert.Equal(["VERZEGELING_ONGELDIG"], Codes(report, SealCodes).Select(c => c.Code));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Upload("/api/omzetting", returned)).StatusCode);
    }

    [Fact]
    public async Task RowsWithRegelIdsButNoSealAreVerzegelingOngeldigThroughValidatieToo()
    {
        var sent = Workbooks.Sheet(await SentWorkbook(), FormatWorkbook.Toewijzingen);
        var rijen = sent.Where(r => r.Key > 1).Select(r => new
        {
            rij = r.Key,
            waarden = r.Value.Where(c => c.Key < Columns.Count).ToDictionary(c => Columns.All[c.Key].Key, c => c.Value.Kind == CellKind.Number ? (object?)c.Value.Number : c.Value.Text),
        }).ToList();
        foreach (var verzegeling in new[] { null, "", "  " })
        {
            var body = JsonSerializer.Serialize(new { fase = "controle", verzegeling, rijen });
            var response = await _client.PostAsync("/api/validatie", new StringContent(body, Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var report = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(["VERZEGELING_ONGELDIG"], Codes(report, SealCodes).Select(c => c.Code));
        }
    }

    [Fact]
    public async Task ASealFromAnotherWorkbookIsDetected()
    {
        var other = await SentWorkbook("Zwartewaterland/Theta Jeugd en Gezin 98000088.xlsx");
        var otherSeal = Workbooks.Sheet(other, Seal.Sheet).Values.Select(r => r[0].Text).ToList();
        var script = "ws = wb['Verzegeling']\nws.delete_rows(1, ws.max_row)\n" + string.Join("\n", otherSeal.Select((l, i) => $"ws.cell({i + 1}, 1).value = {JsonSerializer.Serialize(l)}"));
        var report = await Check(ExternalReaders.EditWithOpenpyxl(await SentWorkbook(), script));
        Assert.Equal(["VERZEGELING_ONGELDIG"], Codes(report, SealCodes).Select(c => c.Code));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Upload("/api/omzetting", ExternalReaders.EditWithOpenpyxl(await SentWorkbook(), script))).StatusCode);
    }

    [Fact]
    public async Task TheConversionListAsXlsxOpensInOpenpyxlAndLibreOfficeWithTheSameLinesAsTheCsv()
    {
        // The .xlsx is written forward only, without the SDK's package: what Excel's peers read must be the whole list.
        var returned = ExternalReaders.EditWithOpenpyxl(await SentWorkbook(), FillYellow + "ws.cell(4, 16).value = None");
        var csv = (await (await Upload("/api/omzetting?formaat=csv", returned)).Content.ReadAsStringAsync()).TrimStart('\uFEFF')
            .Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(';')).ToList();
        var response = await Upload("/api/omzetting", returned);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xlsx = await response.Content.ReadAsByteArrayAsync();

        var openpyxl = ExternalReaders.Openpyxl(xlsx);
        Assert.Equal(["Omzetting", "Niet omgezet"], openpyxl.GetProperty("sheets").EnumerateArray().Select(e => e.GetString()));
        var rows = openpyxl.GetProperty("data").GetProperty("Omzetting").EnumerateArray().ToList();
        Assert.Equal(Omzetlijst.Velden.Select(v => v.Kop).SkipLast(1), rows[0].EnumerateArray().Select(e => e.GetString()));
        var converted = csv.Where(l => l[4] is "beeindigen" or "nieuw").ToList();
        Assert.Equal(converted.Count, rows.Count - 1);
        Assert.Equal(converted.Select(l => (l[3], l[4])), rows.Skip(1).Select(r => (r[3].ToString(), r[4].GetString()!)));
        Assert.Equal("A2", openpyxl.GetProperty("freeze").GetProperty("Omzetting").GetString());
        Assert.Equal($"A1:O{rows.Count}", openpyxl.GetProperty("filter").GetProperty("Omzetting").GetString());
        Assert.NotEmpty(openpyxl.GetProperty("data").GetProperty("Niet omgezet").EnumerateArray().Skip(1));

        var libreOffice = ExternalReaders.LibreOfficeSheets(xlsx);
        Assert.Equal(rows.Count, libreOffice["Omzetting"].Count);
        Assert.Equal(converted.Select(l => l[2]), libreOffice["Omzetting"].Skip(1).Select(r => r[2]));
    }

    [Fact]
    public async Task AnApprovedOverlegRowIsConvertedUntilItChanges()
    {
        // Row 2 (44321, standard 44A27) chooses another intensity (overleg); the gemeente approves its current values.
        var returned = ExternalReaders.EditWithOpenpyxl(await SentWorkbook(), FillYellow + "ws.cell(2, 16).value = '44A26'");
        var row = Workbooks.Sheet(returned, FormatWorkbook.Toewijzingen)[2];
        var waarden = new Dictionary<string, object?>();
        foreach (var (column, value) in row.Where(c => c.Key < Columns.Count && Columns.Input.Contains(Columns.All[c.Key].Column)))
            waarden[Columns.All[column].Key] = value.Kind == CellKind.Number ? value.Number : value.Text;
        var verzegeling = Seal.Join(Workbooks.Sheet(returned, Seal.Sheet).Values.Select(r => r[0].AsText()));
        var akkoord = await _client.PostAsync("/api/akkoord", new StringContent(JsonSerializer.Serialize(new { regelId = row[Column.RegelId.Position()].Text, waarden, verzegeling }), Encoding.UTF8, "application/json"));
        var code = JsonDocument.Parse(await akkoord.Content.ReadAsStringAsync()).RootElement.GetProperty("akkoordcode").GetString();

        var approved = ExternalReaders.EditWithOpenpyxl(returned, $"ws = wb['Toewijzingen']\nws.cell(2, 25).value = '{code}'\nws.cell(2, 24).value = 'ja 05-01-2023'");
        var lines = await (await Upload("/api/omzetting?formaat=csv", approved)).Content.ReadAsStringAsync();
        Assert.Contains(";nieuw;44;44A26;", lines);

        var changedAfterwards = ExternalReaders.EditWithOpenpyxl(approved, "wb['Toewijzingen'].cell(2, 17).value = 9");
        var later = await (await Upload("/api/omzetting?formaat=csv", changedAfterwards)).Content.ReadAsStringAsync();
        Assert.DoesNotContain(";nieuw;44;44A26;", later);
        Assert.Contains("heeft geen (geldig) akkoord van de gemeente", later);
    }

    [Fact]
    public async Task TheConversionListAsXlsxHasTheTwoTabs()
    {
        var response = await Upload("/api/omzetting", ExternalReaders.EditWithOpenpyxl(await SentWorkbook(), FillYellow));
        var xlsx = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(["Omzetting", "Niet omgezet"], Workbooks.SheetNames(xlsx));
        Assert.Empty(Workbooks.ValidationErrors(xlsx));
        Assert.Equal(7, Workbooks.Sheet(xlsx, "Omzetting").Count);
    }
}
