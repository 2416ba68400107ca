using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MigratieAddin.Tests;

public class ValidatieEndpointTests
{
    private static JsonObject ValidRow(int rij, string toewijzingnummer = "230000001", string bsn = RijBuilder.Bsn) => new()
    {
        ["rij"] = rij,
        ["waarden"] = new JsonObject
        {
            ["gemeentecode"] = "0193",
            ["aanbiederAgb"] = 98000022,
            ["bsn"] = bsn,
            ["naam"] = "Sanne Hendriks",
            ["geboortedatum"] = 39712,
            ["toewijzingnummer"] = toewijzingnummer,
            ["productcode2022"] = "44301",
            ["ingangsdatum"] = "01-03-2022",
            ["einddatum"] = "2023-12-31",
            ["volume"] = 7,
            ["eenheid"] = 14,
            ["frequentie"] = "2",
            ["productcode2023"] = "44a08",
            ["status"] = "fout",
            ["regelId"] = null,
            ["extra"] = new JsonObject(),
        },
    };

    private static StringContent Json(string body) => new(body, Encoding.UTF8, "application/json");

    private static async Task<(HttpStatusCode Status, JsonElement Body, string? ContentType)> Post(MigratieApi api, HttpContent content)
    {
        var response = await api.CreateClient().PostAsync("/api/validatie", content);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement, response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task AValidRowComesBackOkWithCountsAndNoMessages()
    {
        using var api = new MigratieApi();
        var body = new JsonObject { ["fase"] = "aanbieder", ["rijen"] = new JsonArray(ValidRow(2)) };
        var (status, json, type) = await Post(api, Json(body.ToJsonString()));

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", type);
        var rij = Assert.Single(json.GetProperty("rijen").EnumerateArray());
        Assert.Equal(2, rij.GetProperty("rij").GetInt32());
        Assert.Equal("ok", rij.GetProperty("status").GetString());
        Assert.Empty(rij.GetProperty("meldingen").EnumerateArray());
        Assert.Empty(json.GetProperty("meldingen").EnumerateArray());
        Assert.Equal("""{"ok":1,"onvolledig":0,"overleg":0,"fout":0}""", json.GetProperty("telling").GetRawText());
    }

    [Fact]
    public async Task TheExampleOfTheFormatGivesBsnOngeldigWithItsDutchText()
    {
        using var api = new MigratieApi();
        const string body = """
            { "fase": "aanbieder",
              "rijen": [ { "rij": 2, "waarden": { "gemeentecode": "0193", "bsn": 999991128, "ingangsdatum": 44652, "productcode2023": "44A08" } } ] }
            """;
        var (status, json, _) = await Post(api, Json(body));
        Assert.Equal(HttpStatusCode.OK, status);
        var meldingen = json.GetProperty("rijen")[0].GetProperty("meldingen").EnumerateArray().ToList();
        var bsn = meldingen.Single(m => m.GetProperty("code").GetString() == "BSN_ONGELDIG");
        Assert.Equal("fout", bsn.GetProperty("ernst").GetString());
        Assert.Equal("bsn", bsn.GetProperty("kolom").GetString());
        Assert.Contains("elfproef", bsn.GetProperty("tekst").GetString());
        Assert.Contains(meldingen, m => m.GetProperty("code").GetString() == "VERPLICHT" && m.GetProperty("kolom").GetString() == "naam");
    }

    [Fact]
    public async Task EveryRequestRowComesBackExactlyOnceInRequestOrder()
    {
        using var api = new MigratieApi();
        var rows = new JsonArray(ValidRow(14), new JsonObject { ["rij"] = 3, ["waarden"] = new JsonObject() }, ValidRow(8, "230000002"), ValidRow(2, "230000003"));
        var (_, json, _) = await Post(api, Json(new JsonObject { ["fase"] = "gemeente", ["rijen"] = rows }.ToJsonString()));
        Assert.Equal([14, 3, 8, 2], json.GetProperty("rijen").EnumerateArray().Select(r => r.GetProperty("rij").GetInt32()));
    }

    [Fact]
    public async Task TwentyThousandRowsAreAccepted()
    {
        using var api = new MigratieApi();
        var rows = new JsonArray(Enumerable.Range(0, 20_000).Select(i => (JsonNode)ValidRow(i + 2, (230000001 + i).ToString(), TestBsn.Make(i))).ToArray());
        var (status, json, _) = await Post(api, Json(new JsonObject { ["fase"] = "aanbieder", ["rijen"] = rows }.ToJsonString()));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(20_000, json.GetProperty("telling").GetProperty("ok").GetInt32());
    }

    [Fact]
    public async Task AGzipCompressedBodyIsAccepted()
    {
        using var api = new MigratieApi();
        var raw = Encoding.UTF8.GetBytes(new JsonObject { ["fase"] = "aanbieder", ["rijen"] = new JsonArray(ValidRow(2)) }.ToJsonString());
        using var packed = new MemoryStream();
        await using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(raw);
        var content = new ByteArrayContent(packed.ToArray());
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        var (status, json, _) = await Post(api, content);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", json.GetProperty("rijen")[0].GetProperty("status").GetString());
    }

    [Theory]
    [InlineData("""{"fase":"aanbieder","rijen":[""", "geen geldige JSON")]
    [InlineData("""[1,2,3]""", "JSON-object")]
    [InlineData("""{"fase":"aanbieder"}""", "'rijen' ontbreekt")]
    [InlineData("""{"rijen":[]}""", "'fase' ontbreekt")]
    [InlineData("""{"fase":"iedereen","rijen":[]}""", "fase is onbekend")]
    [InlineData("""{"fase":"aanbieder","rijen":{}}""", "'rijen' moet een lijst zijn")]
    [InlineData("""{"fase":"aanbieder","rijen":[{"rij":"twee","waarden":{}}]}""", "rijen[0].rij")]
    [InlineData("""{"fase":"aanbieder","rijen":[{"rij":2,"waarden":{"bsn":{"a":1}}}]}""", "rijen[0].waarden.bsn")]
    [InlineData("""{"fase":"aanbieder","rijen":[{"rij":2,"waarden":{"bsn":[1]}}]}""", "rijen[0].waarden.bsn")]
    [InlineData("", "geen geldige JSON")]
    public async Task AMalformedRequestIsA400ProblemWithADutchDetail(string body, string detail)
    {
        using var api = new MigratieApi();
        var (status, json, type) = await Post(api, Json(body));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", type);
        Assert.Equal("Ongeldig verzoek", json.GetProperty("title").GetString());
        Assert.Contains(detail, json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task InvalidUtf8IsA400Problem()
    {
        using var api = new MigratieApi();
        var bytes = Encoding.UTF8.GetBytes("""{"fase":"aanbieder","rijen":[{"rij":2,"waarden":{"naam":"X"}}]}""");
        bytes[Array.IndexOf(bytes, (byte)'X')] = 0xC3;
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        var (status, _, type) = await Post(api, content);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", type);
    }

    [Fact]
    public async Task ABodyThatIsNotJsonIsA415Problem()
    {
        using var api = new MigratieApi();
        var (status, json, type) = await Post(api, new StringContent("fase=aanbieder", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("application/problem+json", type);
        Assert.Contains("Content-Type", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ABodyWithoutContentTypeIsA415Problem()
    {
        using var api = new MigratieApi();
        var (status, json, _) = await Post(api, new ByteArrayContent("{}"u8.ToArray()));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Contains("Content-Type", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task MoreRowsThanTheLimitIsA413Problem()
    {
        using var api = new MigratieApi(("Limieten:Validatie:MaxRijen", "3"));
        var rows = new JsonArray(ValidRow(2), ValidRow(3), ValidRow(4), ValidRow(5));
        var (status, json, type) = await Post(api, Json(new JsonObject { ["fase"] = "aanbieder", ["rijen"] = rows }.ToJsonString()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("application/problem+json", type);
        Assert.Contains("meer dan 3 rijen", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task ABodyOverTheLimitIsA413Problem()
    {
        using var api = new MigratieApi(("Limieten:Validatie:MaxBytes", "1048576"));
        var rows = new JsonArray(Enumerable.Range(0, 3000).Select(i => (JsonNode)ValidRow(i + 2)).ToArray());
        var (status, json, _) = await Post(api, Json(new JsonObject { ["fase"] = "aanbieder", ["rijen"] = rows }.ToJsonString()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Contains("groter dan 1 MB", json.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task AnUnknownAddressIsADutch404Problem()
    {
        using var api = new MigratieApi();
        var response = await api.CreateClient().GetAsync("/api/bestaat-niet");
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Niet gevonden", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task HealthOpenApiAndSwaggerAnswer()
    {
        using var api = new MigratieApi();
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var openApi = JsonDocument.Parse(await client.GetStringAsync("/openapi/v1.json")).RootElement;
        var paths = openApi.GetProperty("paths").EnumerateObject().Select(p => p.Name).ToList();
        Assert.Contains("/api/validatie", paths);
        Assert.Contains("/api/catalogus", paths);
        Assert.Equal("Beoordeel rijen van het format", openApi.GetProperty("paths").GetProperty("/api/validatie").GetProperty("post").GetProperty("summary").GetString());
        var swagger = await client.GetAsync("/swagger/index.html");
        Assert.Equal(HttpStatusCode.OK, swagger.StatusCode);
    }
}
