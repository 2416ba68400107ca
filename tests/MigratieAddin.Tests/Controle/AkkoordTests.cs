using System.Net;
using System.Text.Json;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>FORMAT.md "Conversion": a mark only for a row whose meldingen are all overleg or info, bound to one workbook
/// (its seal) and one row; a copied mark counts for neither copy.</summary>
public class AkkoordTests : IDisposable
{
    private readonly MigratieApi _api = new();
    private readonly HttpClient _client;

    public AkkoordTests() => _client = _api.CreateClient();

    public void Dispose() => _api.Dispose();

    /// <summary>A combination product (44303, standard 44A08) with a changed einddatum: overleg (EINDDATUM_GEWIJZIGD).</summary>
    private static RijBuilder Overleg(int toewijzingnummer = 230000001, string bsn = RijBuilder.Bsn) => RijBuilder.Omzetting()
        .With(Column.Productcode2022, "44303").With(Column.Toewijzingnummer, toewijzingnummer).With(Column.Bsn, bsn).With(Column.Einddatum2023, "30-06-2023");

    /// <summary>The ambulant row an aanbieder adds by copying the sent row: overleg (AMBULANT_BUDGET) only.</summary>
    private static Row AmbulantOf(Row sent) => Zending.Copy(sent, (Column.Productcategorie2023, "50"), (Column.Productcode2023, null),
        (Column.Einddatum2023, null), (Column.Budget2023, "2.500,00"));

    private async Task<HttpResponseMessage> Akkoord(Row row, string? verzegeling) =>
        await _client.PostAsync("/api/akkoord", Zending.AkkoordBody(row, verzegeling));

    private async Task<string> Mark(Row row, string? verzegeling)
    {
        var response = await Akkoord(row, verzegeling);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("akkoordcode").GetString()!;
    }

    private static Row WithMark(Row row, string mark) => Zending.Copy(row, (Column.Akkoordcode, mark), (Column.AkkoordGemeente, "ja 05-01-2023"));

    /// <summary>The conversion list as CSV lines split into fields.</summary>
    private async Task<List<string[]>> Convert(byte[] xlsx)
    {
        var response = await _client.PostAsync("/api/omzetting?formaat=csv", Bestand.Upload(xlsx, FormatApi.XlsxType, "terug.xlsx"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Skip(1).Select(l => l.TrimEnd('\r').Split(';')).ToList();
    }

    private static int BudgetLines(List<string[]> lines) => lines.Count(l => l[4] == "nieuw" && l[5] == "50");

    public static readonly TheoryData<string, string> NotOverleg = new()
    {
        { "volume2023", "VOLUME_2023_ONGELDIG" },
        { "productcode2023", "PRODUCT2023_LEEG" },
        { "naam", "BLAUW_GEWIJZIGD" },
    };

    [Theory]
    [MemberData(nameof(NotOverleg))]
    public async Task ARowWithAFoutOrOnvolledigMeldingGetsNoMark(string change, string code)
    {
        var zending = Zending.Of(Overleg());
        var row = change switch
        {
            "volume2023" => Zending.Copy(zending.Rows[0], (Column.Volume2023, "veel")),
            "productcode2023" => Zending.Copy(zending.Rows[0], (Column.Productcode2023, null)),
            _ => Zending.Copy(zending.Rows[0], (Column.Naam, "Andere Naam")),
        };
        var response = await Akkoord(row, zending.Verzegeling);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        var detail = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString()!;
        Assert.Contains(code, detail);
        Assert.Contains("Verbeter eerst", detail);
        Assert.DoesNotContain(RijBuilder.Bsn, detail);
        Assert.DoesNotContain("Andere Naam", detail);
        Assert.DoesNotContain(RijBuilder.Naam, detail);
    }

    [Fact]
    public async Task AnOverlegRowGetsAMarkThatCarriesTheCurrentKeyId()
    {
        var zending = Zending.Of(Overleg());
        var mark = await Mark(zending.Rows[0], zending.Verzegeling);
        Assert.Equal(["AK2", Engine.TestSealer.Current.Id], mark.Split('.')[..2]);
    }

    [Fact]
    public async Task AkkoordWithoutASealIsRefused()
    {
        var zending = Zending.Of(Overleg());
        var response = await Akkoord(zending.Rows[0], null);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.Contains("verzegeld", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task AkkoordWithTheSealOfAnotherWorkbookIsRefused()
    {
        var zending = Zending.Of(Overleg());
        var other = Zending.Of(Overleg());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Akkoord(zending.Rows[0], other.Verzegeling)).StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await Akkoord(zending.Rows[0], zending.Verzegeling.Replace(";", ";x"))).StatusCode);
    }

    [Fact]
    public async Task AnApprovedOverlegRowIsConvertedOnceAndNotInAnotherWorkbook()
    {
        var zending = Zending.Of(Overleg());
        var approved = WithMark(zending.Rows[0], await Mark(zending.Rows[0], zending.Verzegeling));
        Assert.Single(await Convert(zending.Returned([approved])), l => l[4] == "nieuw");

        // The same rows sent again make another workbook: the mark does not travel with the row.
        var again = Zending.Of(Overleg());
        var moved = Zending.Copy(approved, (Column.RegelId, again.Rows[0][Column.RegelId].AsText()));
        var lines = await Convert(again.Returned([moved]));
        Assert.DoesNotContain(lines, l => l[4] == "nieuw");
        Assert.Contains("heeft geen (geldig) akkoord van de gemeente", Assert.Single(lines, l => l[4] == "niet_omgezet")[15]);
    }

    [Fact]
    public async Task ACopiedApprovedAmbulantRowConvertsNoBudgetLine()
    {
        var zending = Zending.Of(RijBuilder.Omzetting().With(Column.Productcode2022, "44303"));
        var ambulant = AmbulantOf(zending.Rows[0]);
        var approved = WithMark(ambulant, await Mark(ambulant, zending.Verzegeling));
        Assert.Equal(1, BudgetLines(await Convert(zending.Returned([zending.Rows[0], approved]))));

        var lines = await Convert(zending.Returned([zending.Rows[0], .. Enumerable.Repeat(approved, 7)]));
        Assert.Equal(0, BudgetLines(lines));
        var niet = lines.Where(l => l[4] == "niet_omgezet").ToList();
        Assert.Equal(7, niet.Count);
        Assert.All(niet, l => Assert.Contains("hetzelfde akkoord als een andere rij", l[15]));
        Assert.Single(lines, l => l[4] == "nieuw"); // the omzetting row itself (status ok) is converted as before
    }

    [Fact]
    public async Task AMarkOnAnUnsentRowIsNotValidInAnotherWorkbook()
    {
        // An ambulant row typed in without a Regel-ID, approved in one workbook and copied with its mark into another.
        var zending = Zending.Of(RijBuilder.Omzetting().With(Column.Productcode2022, "44303"));
        var unsent = Zending.Copy(AmbulantOf(zending.Rows[0]), (Column.RegelId, null));
        var approved = WithMark(unsent, await Mark(unsent, zending.Verzegeling));
        Assert.Equal(1, BudgetLines(await Convert(zending.Returned([zending.Rows[0], approved]))));

        var other = Zending.Of(RijBuilder.Omzetting().With(Column.Productcode2022, "44303"));
        Assert.Equal(0, BudgetLines(await Convert(other.Returned([other.Rows[0], approved]))));
    }

    [Fact]
    public async Task AMarkMovedToAnotherRowIsNotValid()
    {
        var zending = Zending.Of(Overleg(), Overleg(230000002, "999971669"));
        var mark = await Mark(zending.Rows[0], zending.Verzegeling);
        var lines = await Convert(zending.Returned([zending.Rows[0], WithMark(zending.Rows[1], mark)]));
        Assert.DoesNotContain(lines, l => l[4] == "nieuw");
        Assert.Equal(2, lines.Count(l => l[4] == "niet_omgezet"));
    }

    [Fact]
    public async Task AnOverlegRowWithAnOnvolledigMeldingIsNotConvertedEvenWithAValidMark()
    {
        // Status overleg (EINDDATUM_GEWIJZIGD beats PRODUCT2023_LEEG), so only the meldingen show that it cannot be converted.
        var zending = Zending.Of(Overleg());
        var row = Zending.Copy(zending.Rows[0], (Column.Productcode2023, null));
        var mark = Akkoordcode.Code(Engine.TestSealer, zending.WerkboekId, row[Column.RegelId].AsText(), row);
        var lines = await Convert(zending.Returned([WithMark(row, mark)]));
        Assert.DoesNotContain(lines, l => l[4] == "nieuw");
        var reden = Assert.Single(lines, l => l[4] == "niet_omgezet")[15];
        Assert.Contains("PRODUCT2023_LEEG, EINDDATUM_GEWIJZIGD", reden); // the codes, worst first, then the sentences
        Assert.Contains("De rij is niet volledig ingevuld.", reden);
    }

    [Fact]
    public async Task AnUnsealedWorkbookConvertsItsOkRowsButNoOverlegRow()
    {
        var ok = RijBuilder.Omzetting().Build(2);
        var overleg = Overleg(230000002, "999971669").Build(3);
        using var stream = new MemoryStream();
        FormatWorkbook.Write(stream, [ok, overleg], Engine.EmbeddedCatalogus, [], "Zwolle");
        var lines = await Convert(stream.ToArray());
        Assert.Single(lines, l => l[4] == "nieuw");
        Assert.Contains("alleen in het verzegelde werkboek", Assert.Single(lines, l => l[4] == "niet_omgezet")[15]);
    }
}
