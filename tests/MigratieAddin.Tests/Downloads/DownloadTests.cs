using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Options;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public class DownloadTests
{
    private sealed class Clock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 3, 9, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static readonly IPAddress Here = IPAddress.Parse("10.0.0.5");

    private static (DownloadStore Store, Clock Clock) NewStore(int seconds = 180)
    {
        var clock = new Clock();
        return (new DownloadStore(clock, Options.Create(new DownloadOptions { GeldigSeconden = seconds })), clock);
    }

    [Fact]
    public void AFileIsHandedOutOnceToItsCaller()
    {
        var (store, _) = NewStore();
        var (id, _) = store.Add("anna", Here, [1, 2, 3], "application/zip", "a.zip")!.Value;
        var (first, download) = store.Take(id, "anna", Here);
        Assert.Equal(Ophalen.Gevonden, first);
        Assert.Equal([1, 2, 3], download!.Inhoud);
        Assert.Equal(Ophalen.AlGebruikt, store.Take(id, "anna", Here).Uitkomst);
    }

    [Fact]
    public void AnotherCallerGetsNothingAndDoesNotUseItUp()
    {
        var (store, _) = NewStore();
        var (id, _) = store.Add("anna", Here, [1], "application/zip", "a.zip")!.Value;
        Assert.Equal(Ophalen.AndereAanroeper, store.Take(id, "bert", Here).Uitkomst);
        Assert.Equal(Ophalen.AndereAanroeper, store.Take(id, null, IPAddress.Parse("10.0.0.6")).Uitkomst);
        Assert.Equal(Ophalen.Gevonden, store.Take(id, null, Here).Uitkomst); // the system browser: no token, same address
    }

    [Fact]
    public void AnAddressExpiresWithinMinutes()
    {
        var (store, clock) = NewStore(seconds: 180);
        var (id, verloopt) = store.Add("anna", Here, [1], "application/zip", "a.zip")!.Value;
        Assert.Equal(clock.Now.AddMinutes(3), verloopt);
        clock.Now = clock.Now.AddSeconds(181);
        Assert.Equal(Ophalen.Verlopen, store.Take(id, "anna", Here).Uitkomst);
        clock.Now = clock.Now.AddHours(1);
        Assert.Equal(Ophalen.Onbekend, store.Take(id, "anna", Here).Uitkomst);
        Assert.Equal(0, store.Count); // nothing stays in memory
    }

    [Fact]
    public void IdsAreLongRandomAndCarryNothingElse()
    {
        var (store, _) = NewStore();
        var ids = Enumerable.Range(0, 3).Select(_ => store.Add("anna-999925702", Here, [1], "application/zip", "bsn-999925702.zip")!.Value.Id).ToList();
        Assert.Equal(3, ids.Distinct().Count());
        Assert.All(ids, id => Assert.Matches("^[A-Za-z0-9_-]{43}$", id));
        Assert.All(ids, id => Assert.DoesNotContain("999925702", id));
    }

    [Fact]
    public void ACallerHoldsOnlyAFewAddressesAtOnce()
    {
        var (store, _) = NewStore();
        for (var i = 0; i < 4; i++) Assert.NotNull(store.Add("anna", Here, [1], "application/zip", "a.zip"));
        Assert.Null(store.Add("anna", Here, [1], "application/zip", "a.zip"));
        Assert.NotNull(store.Add("bert", Here, [1], "application/zip", "a.zip"));
    }

    private static async Task<HttpResponseMessage> Upload(HttpClient client, string name, byte[] content)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(content);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "bestand", name);
        return await client.PostAsync("/api/downloads", form);
    }

    private static async Task<string> AddressOf(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("adres").GetString()!;
    }

    [Fact]
    public async Task TheRouteHandsOutTheFileOnceWithNoStoreAndThenSaysGoneInDutch()
    {
        using var api = new MigratieApi();
        var client = api.CreateClient();
        var adres = await AddressOf(await Upload(client, "format-per-aanbieder.zip", [80, 75, 5, 6]));
        Assert.StartsWith("/api/downloads/", adres);

        var first = await client.GetAsync(adres);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("no-store", first.Headers.CacheControl?.ToString());
        Assert.Equal("application/zip", first.Content.Headers.ContentType?.MediaType);
        Assert.Equal("format-per-aanbieder.zip", first.Content.Headers.ContentDisposition?.FileNameStar ?? first.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal([80, 75, 5, 6], await first.Content.ReadAsByteArrayAsync());

        var second = await client.GetAsync(adres);
        Assert.Equal(HttpStatusCode.Gone, second.StatusCode);
        Assert.Equal("no-store", second.Headers.CacheControl?.ToString());
        Assert.Contains("al gebruikt", await second.Content.ReadAsStringAsync());

        var unknown = await client.GetAsync("/api/downloads/bestaat-niet");
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("bestaat niet", await unknown.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task OnlyZipCsvAndXlsxGetAnAddress()
    {
        using var api = new MigratieApi();
        var response = await Upload(api.CreateClient(), "script.html", [60]);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(".zip", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithSignInOnTheAddressIsBoundToTheSignedInUser()
    {
        using var api = new SignedInApi();
        var anna = api.ClientWith(SignedInApi.Token([Rollen.Gemeente], oid: "anna"));
        var bert = api.ClientWith(SignedInApi.Token([Rollen.Gemeente], oid: "bert"));
        Assert.Equal(HttpStatusCode.Unauthorized, (await Upload(api.ClientWith(null), "a.zip", [1])).StatusCode);

        var adres = await AddressOf(await Upload(anna, "a.zip", [1, 2]));
        var other = await bert.GetAsync(adres);
        Assert.Equal(HttpStatusCode.NotFound, other.StatusCode);
        Assert.Contains("bestaat niet", await other.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await anna.GetAsync(adres)).StatusCode);

        // The system browser has no token: it gets the file when it comes from the same client address.
        var adres2 = await AddressOf(await Upload(anna, "b.csv", [3]));
        var browser = await api.ClientWith(null).GetAsync(adres2);
        Assert.Equal(HttpStatusCode.OK, browser.StatusCode);
        Assert.Equal("text/csv", browser.Content.Headers.ContentType?.MediaType);
    }
}
