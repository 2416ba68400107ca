using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>Issue 13, done when: three gemeenten send per-aanbieder workbooks, most come back filled in (one with an
/// error, one with a row that needs overleg, one tampered, some not at all), they are checked in one batch, the overleg
/// row is approved, they are converted in one batch, and the overview is right at every step, in SQLite and in PostgreSQL.</summary>
public class RegioSimulatieTests
{
    private static readonly string[] Gemeenten = ["0193", "0166", "0148"]; // Zwolle, Kampen, Dalfsen
    private static readonly (string Agb, string Code2022, string Code2023)[] Aanbieders = [("98000022", "44301", "44A08"), ("98000066", "43302", "43A13")];

    private static readonly (string Gemeente, string Agb) Overleg = ("0193", "98000066");

    private static byte[] Rows()
    {
        var rijen = new JsonArray();
        var n = 0;
        foreach (var gemeente in Gemeenten)
            foreach (var (agb, code2022, _) in Aanbieders)
                for (var i = 0; i < 4; i++, n++)
                    rijen.Add(new JsonObject
                    {
                        ["waarden"] = new JsonObject
                        {
                            ["gemeentecode"] = gemeente,
                            ["aanbiederAgb"] = agb,
                            ["bsn"] = TestBsn.Make(n),
                            ["naam"] = $"Jeugdige {n}",
                            ["geboortedatum"] = "01-05-2012",
                            ["toewijzingnummer"] = 700_000_000 + n,
                            ["productcategorie2022"] = code2022[..2],
                            ["productcode2022"] = code2022,
                            ["ingangsdatum"] = "01-03-2022",
                            ["einddatum"] = "31-12-2023",
                            ["volume"] = 7,
                            ["eenheid"] = "14",
                            ["frequentie"] = 2,
                        },
                    });
        return Encoding.UTF8.GetBytes(new JsonObject { ["rijen"] = rijen }.ToJsonString());
    }

    private static async Task<JsonElement> Overzicht(HttpClient client) =>
        JsonDocument.Parse(await client.GetStringAsync("/api/voortgang")).RootElement;

    private static JsonElement Regel(JsonElement overzicht, string gemeente, string agb) =>
        overzicht.GetProperty("regels").EnumerateArray().Single(r => r.GetProperty("gemeente").GetString() == gemeente && r.GetProperty("aanbieder").GetString() == agb);

    private static string? Meting(JsonElement stap) => stap.ValueKind == JsonValueKind.Null ? null : stap.GetProperty("meting").GetString();

    [Theory]
    [MemberData(nameof(VoortgangsopslagTests.Databases), MemberType = typeof(VoortgangsopslagTests))]
    public async Task ARegionSendsChecksApprovesAndConvertsAndTheOverviewFollowsEveryStep(string soort)
    {
        var setting = soort == "SQLite" ? ("Voortgang:Bestand", TestDatabase.NewFile()) : ("ConnectionStrings:Voortgang", await VoortgangsopslagTests.NewPostgresDatabase());
        using var api = new MigratieApi(setting);
        var client = api.CreateClient();

        // Sending: one sealed workbook per gemeente and aanbieder.
        using var body = new ByteArrayContent(Rows());
        body.Headers.ContentType = new("application/json");
        var zip = await client.PostAsync("/api/format/per-aanbieder", body);
        Assert.Equal(HttpStatusCode.OK, zip.StatusCode);
        var sent = new Dictionary<(string Gemeente, string Agb), byte[]>();
        using (var archive = new ZipArchive(await zip.Content.ReadAsStreamAsync()))
            foreach (var entry in archive.Entries.Where(e => e.Name.EndsWith(".xlsx", StringComparison.Ordinal)))
            {
                using var copy = new MemoryStream();
                using (var open = entry.Open()) open.CopyTo(copy);
                var first = Workbooks.Sheet(copy.ToArray(), FormatWorkbook.Toewijzingen)[2];
                sent[(first[Column.Gemeentecode.Position()].AsText(), first[Column.AanbiederAgb.Position()].AsText())] = copy.ToArray();
            }
        Assert.Equal(6, sent.Count);
        var afterSending = await Overzicht(client);
        foreach (var (gemeente, agb) in sent.Keys)
        {
            var regel = Regel(afterSending, gemeente, agb);
            Assert.Equal(1, regel.GetProperty("verstuurd").GetInt32());
            Assert.Equal("verstuurd", Meting(regel.GetProperty("stap")));
            Assert.True(regel.GetProperty("teLaat").GetBoolean()); // IJsselland's return date (23-12-2022) is long past
        }

        // Returning: four filled in (Kampen's first with an unknown code, Zwolle's second with a volume that needs overleg in
        // its first row), Dalfsen's second tampered, Dalfsen's first not at all.
        string Fill(string code) => $"ws = wb['Toewijzingen']\nfor r in range(2, ws.max_row + 1):\n    ws.cell(r, {Column.Productcode2023.Position() + 1}).value = '{code}'\n";
        var returned = new List<(string Name, byte[] Bytes)>();
        foreach (var ((gemeente, agb), xlsx) in sent)
        {
            if ((gemeente, agb) == ("0148", "98000022")) continue;
            var code = Aanbieders.Single(a => a.Agb == agb).Code2023;
            var script = (gemeente, agb) == ("0166", "98000022") ? Fill("44A99")
                : (gemeente, agb) == ("0148", "98000066") ? Fill(code) + $"ws.cell(2, {Column.Naam.Position() + 1}).value = 'Iemand anders'\n"
                : (gemeente, agb) == Overleg ? Fill(code) + $"ws.cell(2, {Column.Volume2023.Position() + 1}).value = 9\n"
                : Fill(code);
            returned.Add(($"{gemeente}-{agb}.xlsx", ExternalReaders.EditWithOpenpyxl(xlsx, script)));
        }

        // Checking all five in one batch.
        var form = new MultipartFormDataContent();
        foreach (var (name, bytes) in returned) form.Add(new ByteArrayContent(bytes), "bestand", name);
        var batch = await client.PostAsync("/api/controle/batch", form);
        Assert.Equal(HttpStatusCode.OK, batch.StatusCode);
        var afterChecking = await Overzicht(client);
        Assert.Equal(4, Regel(afterChecking, "0193", "98000022").GetProperty("telling").GetProperty("ok").GetInt32());
        Assert.Equal(4, Regel(afterChecking, "0166", "98000022").GetProperty("telling").GetProperty("fout").GetInt32());
        Assert.Equal(1, Regel(afterChecking, "0148", "98000066").GetProperty("telling").GetProperty("fout").GetInt32());
        Assert.Equal("teruggekomen", Meting(Regel(afterChecking, "0193", "98000066").GetProperty("stap")));
        var notBack = Regel(afterChecking, "0148", "98000022");
        Assert.Equal(0, notBack.GetProperty("teruggekomen").GetInt32());
        Assert.True(notBack.GetProperty("teLaat").GetBoolean());
        Assert.Equal("teruggekomen", Meting(notBack.GetProperty("volgendeStap")));
        var overleg = Regel(afterChecking, Overleg.Gemeente, Overleg.Agb);
        Assert.Equal((3, 1, 0), (overleg.GetProperty("telling").GetProperty("ok").GetInt32(), overleg.GetProperty("telling").GetProperty("overleg").GetInt32(),
            overleg.GetProperty("akkoorden").GetInt32()));

        // Approving: the gemeente agrees to the overleg row (as the pane does, with the row as read and the workbook's seal),
        // and the aanbieder's workbook carries the mark into the conversion.
        var index = returned.FindIndex(r => r.Name == $"{Overleg.Gemeente}-{Overleg.Agb}.xlsx");
        var read = ReturnedWorkbook.Read(returned[index].Bytes, new WerkboekOptions(), api.Services.GetRequiredService<Catalogus>().Regio);
        var akkoord = await client.PostAsync("/api/akkoord", Zending.AkkoordBody(read.Rows[0], read.Verzegeling is { } lines ? Seal.Join(lines) : null));
        Assert.Equal(HttpStatusCode.OK, akkoord.StatusCode);
        var mark = JsonDocument.Parse(await akkoord.Content.ReadAsStringAsync()).RootElement.GetProperty("akkoordcode").GetString();
        returned[index] = (returned[index].Name, ExternalReaders.EditWithOpenpyxl(returned[index].Bytes,
            $"ws = wb['Toewijzingen']\nws.cell(2, {Column.Akkoordcode.Position() + 1}).value = '{mark}'\nws.cell(2, {Column.AkkoordGemeente.Position() + 1}).value = 'ja 05-01-2023'\n"));
        var afterApproving = await Overzicht(client);
        Assert.Equal(1, Regel(afterApproving, Overleg.Gemeente, Overleg.Agb).GetProperty("akkoorden").GetInt32());
        Assert.Equal(0, Regel(afterApproving, "0193", "98000022").GetProperty("akkoorden").GetInt32());

        // Converting the same five in one batch: the ok rows go, the rest is on Niet omgezet.
        var convert = new MultipartFormDataContent();
        foreach (var (name, bytes) in returned) convert.Add(new ByteArrayContent(bytes), "bestand", name);
        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/api/omzetting/batch?formaat=csv", convert)).StatusCode);
        var afterConverting = await Overzicht(client);
        var done = Regel(afterConverting, "0193", "98000022");
        Assert.Equal(4, done.GetProperty("omgezet").GetInt32());
        Assert.Equal(JsonValueKind.Null, done.GetProperty("volgendeStap").ValueKind);
        Assert.False(done.GetProperty("teLaat").GetBoolean());
        Assert.Equal(4, Regel(afterConverting, "0166", "98000022").GetProperty("nietOmgezet").GetInt32());
        var approved = Regel(afterConverting, Overleg.Gemeente, Overleg.Agb);
        Assert.Equal((4, 0, 1), (approved.GetProperty("omgezet").GetInt32(), approved.GetProperty("nietOmgezet").GetInt32(), approved.GetProperty("akkoorden").GetInt32()));
        var late = afterConverting.GetProperty("regels").EnumerateArray().Select(r => r.GetProperty("teLaat").GetBoolean()).ToList();
        Assert.Equal(late.OrderByDescending(x => x), late); // late lines first
    }
}
