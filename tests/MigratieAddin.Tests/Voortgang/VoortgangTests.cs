using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>Issue 13: what happens to each sealed workbook is recorded without personal data, and GET /api/voortgang
/// shows where every gemeente and aanbieder stands against the plan.</summary>
public class VoortgangTests
{
    private static RijBuilder Overleg(int toewijzingnummer, string bsn) => RijBuilder.Omzetting()
        .With(Column.Productcode2022, "44303").With(Column.Toewijzingnummer, toewijzingnummer).With(Column.Bsn, bsn).With(Column.Einddatum2023, "30-06-2023");

    private static async Task<JsonElement> Overzicht(HttpClient client)
    {
        var response = await client.GetAsync("/api/voortgang");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }

    private static JsonElement Regel(JsonElement overzicht, string gemeente, string? aanbieder) =>
        overzicht.GetProperty("regels").EnumerateArray().Single(r => r.GetProperty("gemeente").GetString() == gemeente
            && (r.GetProperty("aanbieder").ValueKind == JsonValueKind.Null ? null : r.GetProperty("aanbieder").GetString()) == aanbieder);

    /// <summary>Sends one sealed workbook (made through the API), and checks, approves and converts another.</summary>
    private static async Task<Zending> RunTheMigration(HttpClient client)
    {
        await SealedWorkbooks.MakeAsync(client, 20);
        var zending = Zending.Of(Overleg(230000001, TestBsn.Make(1)), RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230000002).With(Column.Bsn, TestBsn.Make(2)));
        var returned = zending.Returned();
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/controle", Bestand.Upload(returned, FormatApi.XlsxType, "terug.xlsx"))).StatusCode);
        var akkoord = await client.PostAsync("/api/akkoord", Zending.AkkoordBody(zending.Rows[0], zending.Verzegeling));
        Assert.Equal(HttpStatusCode.OK, akkoord.StatusCode);
        var mark = JsonDocument.Parse(await akkoord.Content.ReadAsStringAsync()).RootElement.GetProperty("akkoordcode").GetString()!;
        var approved = zending.Returned([Zending.Copy(zending.Rows[0], (Column.Akkoordcode, mark), (Column.AkkoordGemeente, "ja 05-01-2023")), zending.Rows[1]]);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/omzetting?formaat=csv", Bestand.Upload(approved, FormatApi.XlsxType, "terug.xlsx"))).StatusCode);
        return zending;
    }

    [Fact]
    public async Task ASentCheckedApprovedAndConvertedWorkbookShowsInTheOverviewWithItsCounts()
    {
        using var api = new MigratieApi(("Voortgang:Bestand", TestDatabase.NewFile()));
        var client = api.CreateClient();
        await RunTheMigration(client);

        var overzicht = await Overzicht(client);
        var regel = Regel(overzicht, "0193", "98000022");
        Assert.Equal(1, regel.GetProperty("verstuurd").GetInt32()); // the per-aanbieder workbook; the other was sealed outside the API
        Assert.Equal(1, regel.GetProperty("teruggekomen").GetInt32());
        Assert.Equal(1, regel.GetProperty("telling").GetProperty("ok").GetInt32());
        Assert.Equal(1, regel.GetProperty("telling").GetProperty("overleg").GetInt32());
        Assert.Equal(1, regel.GetProperty("akkoorden").GetInt32());
        Assert.Equal(2, regel.GetProperty("omgezet").GetInt32());
        Assert.Equal(0, regel.GetProperty("nietOmgezet").GetInt32());
        Assert.Equal(18, regel.GetProperty("rijen").GetInt32()); // of 20 rows, two with volume 0 (a blue fout) stay at home
        // Every other gemeente of the region has sent nothing yet, and has a line saying so.
        var kampen = Regel(overzicht, "0166", null);
        Assert.Equal(0, kampen.GetProperty("verstuurd").GetInt32());
        Assert.Equal("verstuurd", kampen.GetProperty("volgendeStap").GetProperty("meting").GetString());
    }

    [Fact]
    public async Task NoBsnNameBirthDateOrRowValueOfTheWorkbooksReachesTheStore()
    {
        var file = TestDatabase.NewFile();
        using (var api = new MigratieApi(("Voortgang:Bestand", file)))
        {
            var client = api.CreateClient();
            await RunTheMigration(client);
        }
        // Every personal or row value the migration sent: BSNs, names, birth dates (as text and as serials), toewijzingnummers.
        var rows = JsonDocument.Parse(SealedWorkbooks.RowsJson(20)).RootElement.GetProperty("rijen").EnumerateArray().Select(r => r.GetProperty("waarden")).ToList();
        var personal = rows.SelectMany(w => new[] { w.GetProperty("bsn").GetString()!, w.GetProperty("naam").GetString()!, w.GetProperty("geboortedatum").GetRawText(),
            w.GetProperty("toewijzingnummer").GetRawText() })
            .Concat([TestBsn.Make(1), TestBsn.Make(2), RijBuilder.Naam, RijBuilder.Geboortedatum, "230000001", "230000002", "30-06-2023"]).ToHashSet();

        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={file};Mode=ReadOnly");
        connection.Open();
        var tables = new List<string>();
        using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
            using var reader = list.ExecuteReader();
            while (reader.Read()) tables.Add(reader.GetString(0));
        }
        Assert.Contains("controle", tables);
        var stored = new List<string>();
        foreach (var table in tables)
        {
            using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            using var reader = select.ExecuteReader();
            while (reader.Read())
                for (var i = 0; i < reader.FieldCount; i++) stored.Add(Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? "");
        }
        Assert.NotEmpty(stored);
        foreach (var value in stored)
            Assert.DoesNotContain(personal, p => value.Contains(p, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task AGemeenteSeesOnlyItsOwnGemeenteAnAanbiederOnlyItsOwnWorkbooksAndBeheerAll()
    {
        using var api = new SignedInApi("Development", ("Voortgang:Bestand", TestDatabase.NewFile()));
        var beheer = api.ClientWith(SignedInApi.Token([Rollen.Beheer]));
        await SealedWorkbooks.MakeAsync(beheer, 5); // 0193 Zwolle, 98000022
        var opslag = api.Services.GetRequiredService<Voortgangsopslag>();
        await opslag.BewaarAsync(new WerkboekGemaakt("AbCdEf12", "0148", "98000066", 3, DateTimeOffset.UtcNow), default);

        var zwolle = await Overzicht(api.ClientWith(SignedInApi.Token([Rollen.Gemeente], extra: new Dictionary<string, object> { ["gemeentecode"] = "0193" })));
        Assert.All(zwolle.GetProperty("regels").EnumerateArray(), r => Assert.Equal("0193", r.GetProperty("gemeente").GetString()));
        Assert.Equal(1, Regel(zwolle, "0193", "98000022").GetProperty("verstuurd").GetInt32());

        var zeta = await Overzicht(api.ClientWith(SignedInApi.Token([Rollen.Aanbieder], extra: new Dictionary<string, object> { ["extn.agb"] = "98000066" })));
        var alleenZeta = Assert.Single(zeta.GetProperty("regels").EnumerateArray());
        Assert.Equal("98000066", alleenZeta.GetProperty("aanbieder").GetString());

        var alles = await Overzicht(beheer);
        Assert.Equal(1, Regel(alles, "0148", "98000066").GetProperty("verstuurd").GetInt32());
        Assert.Equal(1, Regel(alles, "0193", "98000022").GetProperty("verstuurd").GetInt32());

        var zonderClaim = await api.ClientWith(SignedInApi.Token([Rollen.Gemeente])).GetAsync("/api/voortgang");
        Assert.Equal(HttpStatusCode.Forbidden, zonderClaim.StatusCode);
        Assert.Contains("gemeentecode", await zonderClaim.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OnlyBeheerDeletesAGemeentesRecords()
    {
        using var api = new SignedInApi("Development", ("Voortgang:Bestand", TestDatabase.NewFile()));
        var beheer = api.ClientWith(SignedInApi.Token([Rollen.Beheer]));
        await SealedWorkbooks.MakeAsync(beheer, 5);
        var gemeente = api.ClientWith(SignedInApi.Token([Rollen.Gemeente], extra: new Dictionary<string, object> { ["gemeentecode"] = "0193" }));

        Assert.Equal(HttpStatusCode.Forbidden, (await gemeente.DeleteAsync("/api/voortgang/gemeenten/0193")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await beheer.DeleteAsync("/api/voortgang/gemeenten/9999")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await beheer.DeleteAsync("/api/voortgang/gemeenten/0193")).StatusCode);

        Assert.Equal(0, Regel(await Overzicht(beheer), "0193", null).GetProperty("verstuurd").GetInt32());
    }

    [Fact]
    public void APairPastTheDateOfItsNextStepIsLateAndComesFirst()
    {
        var catalogus = Engine.EmbeddedCatalogus;
        var gemaakt = new DateTimeOffset(2022, 12, 10, 9, 0, 0, TimeSpan.Zero);
        var werkboeken = new[]
        {
            new WerkboekVoortgang("AAAAAAAA", "0193", "98000022", 10, gemaakt, null, 0, null),
            new WerkboekVoortgang("BBBBBBBB", "0193", "98000066", 10, gemaakt,
                new ControleGedaan("BBBBBBBB", "0193", "98000066", gemaakt.AddDays(5), new Telling(10, 0, 0, 0), true, 0, 0, 0), 0, null),
        };

        var voorDeRetourdatum = Voortgang.Stand(werkboeken, catalogus, new DateOnly(2022, 12, 20), Zicht.Alles);
        Assert.All(voorDeRetourdatum.Regels.Where(r => r.Aanbieder is not null), r => Assert.False(r.TeLaat));
        Assert.Equal(catalogus.Gemeenten.Count - 1, voorDeRetourdatum.TeLaat); // the gemeenten that sent nothing by 12-12

        var erna = Voortgang.Stand(werkboeken, catalogus, new DateOnly(2022, 12, 28), Zicht.Alles);
        var nietTerug = erna.Regels.Single(r => r.Aanbieder == "98000022");
        Assert.True(nietTerug.TeLaat);
        Assert.Equal("teruggekomen", nietTerug.VolgendeStap!.Meting);
        Assert.Equal(erna.Regels.OrderByDescending(r => r.TeLaat).Select(r => r.TeLaat), erna.Regels.Select(r => r.TeLaat)); // late ones first
        var teruggekomen = erna.Regels.Single(r => r.Aanbieder == "98000066");
        Assert.False(teruggekomen.TeLaat);
        Assert.Equal("teruggekomen", teruggekomen.Stap!.Meting);
        // Gemeenten that sent nothing were late on 12-12.
        Assert.True(erna.Regels.Single(r => r.Gemeente == "0166").TeLaat);
    }

    [Fact]
    public void TheOverviewAndTheBatchReportSerialiseByTheGeneratedContextExactlyAsByReflection()
    {
        var catalogus = Engine.EmbeddedCatalogus;
        var gemaakt = new DateTimeOffset(2022, 12, 10, 9, 0, 0, TimeSpan.Zero);
        var overzicht = Voortgang.Stand([new WerkboekVoortgang("AAAAAAAA", "0193", "98000022", 10, gemaakt,
            new ControleGedaan("AAAAAAAA", "0193", "98000022", gemaakt.AddDays(5), new Telling(7, 1, 1, 1), true, 0, 0, 0), 2,
            new OmzettingGedaan("AAAAAAAA", "0193", "98000022", gemaakt.AddDays(6), 8, 2))], catalogus, new DateOnly(2022, 12, 28), Zicht.Alles);
        var batch = new Batchcontrole([
            new BatchWerkboek(1, "terug.xlsx", BatchWerkboek.Gecontroleerd, "geldig", new Telling(1, 0, 0, 0), [new BatchAanbieder("98000022", "Bètahuis")],
                [new Melding("GEEN_VERZEGELING", Ernst.Info, null, "Geen verzegeling.")], true, null),
            new BatchWerkboek(2, "kapot.xlsx", BatchWerkboek.Geweigerd, null, null, [], [], false, "Dit is geen werkboek."),
        ], new Telling(1, 0, 0, 0));
        var reflection = new JsonSerializerOptions(JsonSerializerDefaults.Web) { TypeInfoResolver = new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver() };

        Assert.Equal(JsonSerializer.Serialize(overzicht, reflection), JsonSerializer.Serialize(overzicht, ApiJsonContext.Default.VoortgangOverzicht));
        Assert.Equal(JsonSerializer.Serialize(batch, reflection), JsonSerializer.Serialize(batch, ApiJsonContext.Default.Batchcontrole));
        Assert.Contains("\"tabel\":{\"koppen\":", JsonSerializer.Serialize(overzicht, ApiJsonContext.Default.VoortgangOverzicht));
    }

    [Fact]
    public void AVoortgangFileInAPlaceThatCannotBeWrittenStopsTheStartWithAMessageNamingTheSetting()
    {
        using var api = new MigratieApi(("Voortgang:Bestand", "/proc/migratie-addin/voortgang.db"));
        var e = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("Voortgang:Bestand", e.ToString());
    }

    [Theory]
    [MemberData(nameof(VoortgangsopslagTests.Databases), MemberType = typeof(VoortgangsopslagTests))]
    public async Task TheMigrationIsFollowedTheSameWayInEitherDatabase(string soort)
    {
        var setting = soort == "SQLite"
            ? ("Voortgang:Bestand", TestDatabase.NewFile())
            : ("ConnectionStrings:Voortgang", await VoortgangsopslagTests.NewPostgresDatabase());
        using var api = new MigratieApi(setting);
        var client = api.CreateClient();
        await RunTheMigration(client);

        var regel = Regel(await Overzicht(client), "0193", "98000022");
        Assert.Equal(1, regel.GetProperty("akkoorden").GetInt32());
        Assert.Equal(2, regel.GetProperty("omgezet").GetInt32());
        // Ready also waits for the warm-up (and the compiler after it): the database must not keep it from coming.
        Assert.Equal(System.Net.HttpStatusCode.OK, await GezondheidTests.ReadyWithin(client, TimeSpan.FromSeconds(30)));
        Assert.Equal("Healthy", await client.GetStringAsync("/health/ready"));
    }

    [Fact]
    public async Task TheOverviewDownloadsAsAWorkbookWithTheTableAndANativeChartThatExcelsReadersOpen()
    {
        using var api = new MigratieApi(("Voortgang:Bestand", TestDatabase.NewFile()));
        var client = api.CreateClient();
        await RunTheMigration(client);

        var response = await client.GetAsync("/api/voortgang?formaat=xlsx");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xlsx = await response.Content.ReadAsByteArrayAsync();

        Assert.Empty(Workbooks.ValidationErrors(xlsx));
        var cells = Workbooks.Sheet(xlsx, "Voortgang");
        Assert.Equal("Gemeente en aanbieder", cells[1][0].Text);
        var json = (await Overzicht(client)).GetProperty("tabel");
        Assert.Equal(json.GetProperty("rijen").GetArrayLength() + 1, cells.Count);
        var zwolle = cells.Values.Single(r => r.TryGetValue(16, out var agb) && agb.Text == "98000022" && r[15].Text == "0193");
        Assert.Equal(1, zwolle[1].Number); // ok
        Assert.Equal(1, zwolle[2].Number); // overleg
        using var document = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var chart = document.WorkbookPart!.WorksheetParts.Single().DrawingsPart!.ChartParts.Single();
        Assert.Equal(4, chart.ChartSpace.Descendants<DocumentFormat.OpenXml.Drawing.Charts.BarChartSeries>().Count());
        Assert.Equal(cells.Count, ExternalReaders.Openpyxl(xlsx).GetProperty("data").GetProperty("Voortgang").GetArrayLength());
    }
}
