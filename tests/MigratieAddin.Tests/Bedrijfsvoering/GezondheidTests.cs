using System.Net;

namespace MigratieAddin.Tests;

public sealed class GezondheidTests
{
    /// <summary>Polls /health/ready until it answers 200 or the time is up; returns the last status.</summary>
    internal static async Task<HttpStatusCode> ReadyWithin(HttpClient client, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        HttpStatusCode ready;
        while ((ready = (await client.GetAsync("/health/ready")).StatusCode) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        return ready;
    }

    [Fact]
    public async Task LiveAnswersAtOnceAndReadyOnceTheEngineIsWarm()
    {
        using var api = new MigratieApi(("Opwarmen:Rondes", "3"));
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, await ReadyWithin(client, TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task ReadyNeedsNoSignIn()
    {
        using var api = new SignedInApi();
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await ReadyWithin(client, TimeSpan.FromSeconds(30)));
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/catalogus")).StatusCode);
    }

    [Fact]
    public async Task ZeroRoundsIsReadyWithoutWarmingUp()
    {
        using var api = new MigratieApi(("Opwarmen:Rondes", "0"));
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, await ReadyWithin(client, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public void ANegativeNumberOfRoundsStopsTheStart()
    {
        using var api = new MigratieApi(("Opwarmen:Rondes", "-1"));
        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("Opwarmen:Rondes", error.ToString());
    }
}
