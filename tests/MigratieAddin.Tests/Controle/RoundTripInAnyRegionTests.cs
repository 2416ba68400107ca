using System.Globalization;
using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>The round trip on each shipped catalogue: the API loaded with that catalogue makes the per-aanbieder zip of
/// rows built from the catalogue's own codes, the aanbieder edits the sealed workbook (openpyxl) and returns it, and the
/// checked workbook and the omzetlijst follow the region's dates.</summary>
public class RoundTripInAnyRegionTests
{
    private const int Rows = 3;

    private static int Excel(Column column) => column.Position() + 1;

    private static string Iso(DateOnly d) => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    /// <summary>The rows a gemeente sends: complete in the catalogue's terms, distinct jeugdigen, no yellow cells yet.</summary>
    private static byte[] RowsJson(Catalogus c)
    {
        var rijen = new JsonArray();
        for (var i = 0; i < Rows; i++)
        {
            var row = RijBuilder.Omzetting(c).With(Column.Bsn, TestBsn.Make(i)).With(Column.Naam, $"Jeugdige {i}")
                .With(Column.Toewijzingnummer, 700_000_000 + i).With(Column.Productcode2023, null);
            var waarden = new JsonObject();
            foreach (var column in Columns.All.Select(k => k.Column).Where(k => row[k] is not null))
                waarden[column.Key()] = row[column] switch { int n => JsonValue.Create(n), var v => JsonValue.Create((string)v!) };
            rijen.Add(new JsonObject { ["waarden"] = waarden });
        }
        return Encoding.UTF8.GetBytes(new JsonObject { ["rijen"] = rijen }.ToJsonString());
    }

    private sealed class Regio(string name) : IDisposable
    {
        private readonly MigratieApi _api = new(("Catalogus:Map", Catalogi.Folder(name)));

        public Catalogus Catalogus { get; } = Catalogi.Load(name);

        public HttpClient Client => field ??= _api.CreateClient();

        /// <summary>The standard new product code of the rows' old product: what a careful aanbieder fills in.</summary>
        public string Standaard => Catalogus.OmzettingenFrom((string)RijBuilder.Omzetting(Catalogus)[Column.Productcode2022]!).Single(o => o.Standaard).Productcode2023;

        /// <summary>openpyxl: every row gets the standard code in Productcode (new year).</summary>
        public string FillYellow => $"ws = wb['{FormatWorkbook.Toewijzingen}']\nfor r in range(2, ws.max_row + 1):\n    ws.cell(r, {Excel(Column.Productcode2023)}).value = '{Standaard}'\n";

        public async Task<byte[]> SentWorkbook()
        {
            using var content = new ByteArrayContent(RowsJson(Catalogus));
            content.Headers.ContentType = new("application/json");
            using var response = await Client.PostAsync("/api/format/per-aanbieder", content);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
            var entry = Assert.Single(zip.Entries, e => e.Name.EndsWith(".xlsx", StringComparison.Ordinal));
            var gemeente = Catalogus.Gemeenten[0].Naam;
            var aanbieder = Catalogus.Aanbieders.Single(a => a.Agb == (string)RijBuilder.Omzetting(Catalogus)[Column.AanbiederAgb]!);
            Assert.Equal($"{gemeente}/{aanbieder.Naam} {aanbieder.Agb}.xlsx", entry.FullName);
            using var workbook = new MemoryStream();
            using (var s = entry.Open()) s.CopyTo(workbook);
            return workbook.ToArray();
        }

        public Task<HttpResponseMessage> Upload(string url, byte[] xlsx) => Client.PostAsync(url, Bestand.Upload(xlsx, FormatApi.XlsxType, "terug.xlsx"));

        public async Task<JsonElement> Check(byte[] xlsx)
        {
            var response = await Upload("/api/controle", xlsx);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        }

        public void Dispose() => _api.Dispose();
    }

    private static List<(int Rij, string Code, string? Kolom)> Codes(JsonElement report) =>
        report.GetProperty("rijen").EnumerateArray().SelectMany(r => r.GetProperty("meldingen").EnumerateArray().Select(m =>
                (r.GetProperty("rij").GetInt32(), m.GetProperty("code").GetString()!, m.GetProperty("kolom").GetString())))
            .Concat(report.GetProperty("meldingen").EnumerateArray().Select(m => (0, m.GetProperty("code").GetString()!, (string?)null))).ToList();

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public async Task AnUntouchedSentWorkbookHasOnlyItsEmptyYellowCellsToReport(string name)
    {
        using var regio = new Regio(name);
        var sent = await regio.SentWorkbook();
        Assert.Equal(FormatWorkbook.Tabs(regio.Catalogus.Regio).Append(Seal.Sheet).Order(), Workbooks.SheetNames(sent).Order());
        var report = await regio.Check(sent);
        Assert.Equal(Enumerable.Range(2, Rows).Select(r => (r, "PRODUCT2023_LEEG", (string?)"productcode2023")), Codes(report));
        Assert.Equal(Rows, report.GetProperty("telling").GetProperty("onvolledig").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public async Task AWorkbookFilledWithTheStandardCodesIsOkInEveryRow(string name)
    {
        using var regio = new Regio(name);
        var report = await regio.Check(ExternalReaders.EditWithOpenpyxl(await regio.SentWorkbook(), regio.FillYellow));
        Assert.Empty(Codes(report));
        Assert.Equal(Rows, report.GetProperty("telling").GetProperty("ok").GetInt32());
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public async Task AnEditedBlueCellIsCaughtEvenAfterALibreOfficeResave(string name)
    {
        using var regio = new Regio(name);
        var edited = ExternalReaders.EditWithOpenpyxl(await regio.SentWorkbook(),
            regio.FillYellow + $"ws.cell(2, {Excel(Column.Bsn)}).value = '999971669'");
        var report = await regio.Check(ExternalReaders.ResaveWithLibreOffice(edited));
        Assert.Equal([(2, "BLAUW_GEWIJZIGD", "bsn")], Codes(report));
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public async Task TheCheckedWorkbookComesBackWithStatusAndMeldingenAndNothingElseChanged(string name)
    {
        using var regio = new Regio(name);
        var returned = ExternalReaders.EditWithOpenpyxl(await regio.SentWorkbook(),
            regio.FillYellow + $"wb.create_sheet('Eigen aantekeningen')['A1'] = 'bewaren'\nws.cell(3, {Excel(Column.Naam)}).value = 'Andere Naam'");
        var response = await regio.Upload("/api/controle?formaat=xlsx", returned);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var filled = await response.Content.ReadAsByteArrayAsync();
        Assert.Empty(Workbooks.ValidationErrors(filled).Except(Workbooks.ValidationErrors(returned))); // openpyxl's own styles.xml quirks stay as they were
        Assert.Equal(Workbooks.SheetNames(returned), Workbooks.SheetNames(filled));
        Assert.Equal("bewaren", Workbooks.Sheet(filled, "Eigen aantekeningen")[1][0].Text);
        var before = Workbooks.Sheet(returned, FormatWorkbook.Toewijzingen);
        var after = Workbooks.Sheet(filled, FormatWorkbook.Toewijzingen);
        foreach (var (number, cells) in before)
            foreach (var (column, value) in cells.Where(c => c.Key != Column.Status.Position() && c.Key != Column.Meldingen.Position()))
                Assert.Equal(value, after[number][column]);
        Assert.Equal(Columns.All.Select(c => regio.Catalogus.Regio.Tekst(c.Header)), after[1].OrderBy(c => c.Key).Select(c => c.Value.Text).Take(Columns.Count));
        Assert.Equal("ok", after[2][Column.Status.Position()].Text);
        Assert.Equal("fout", after[3][Column.Status.Position()].Text);
        Assert.Contains("Naam jeugdige wijkt af van wat u stuurde", after[3][Column.Meldingen.Position()].Text);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public async Task TheConversionListClosesOnThePeildatumOpensOnTheNewStartAndListsWhatIsNotConverted(string name)
    {
        using var regio = new Regio(name);
        var returned = ExternalReaders.EditWithOpenpyxl(await regio.SentWorkbook(), regio.FillYellow + $"ws.cell(4, {Excel(Column.Productcode2023)}).value = None");
        var response = await regio.Upload("/api/omzetting?formaat=csv", returned);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var lines = (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => l.TrimEnd('\r').Split(';')).ToList();
        Assert.Equal(Omzetlijst.Kolommen, lines[0]);
        var beeindigen = lines.Where(l => l[4] == "beeindigen").ToList();
        var nieuw = lines.Where(l => l[4] == "nieuw").ToList();
        Assert.Equal(Rows - 1, beeindigen.Count);
        Assert.Equal(Rows - 1, nieuw.Count);
        Assert.All(beeindigen, l => Assert.Equal((Iso(regio.Catalogus.Regio.Peildatum), Omzetlijst.RedenContractwijziging), (l[8], l[13])));
        Assert.All(nieuw, l => Assert.Equal(Iso(regio.Catalogus.Regio.IngangsdatumNieuw), l[7]));
        Assert.All(nieuw, l => Assert.Contains($";nieuw;{regio.Catalogus.Product2023(regio.Standaard)!.Productcategorie};{regio.Standaard};", string.Join(';', l)));
        var niet = Assert.Single(lines, l => l[4] == "niet_omgezet");
        Assert.Contains("PRODUCT2023_LEEG", niet[15]);
    }
}
