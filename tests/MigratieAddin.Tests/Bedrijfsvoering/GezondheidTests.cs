using System.Net;

namespace MigratieAddin.Tests;

public sealed class GezondheidTests
{
    [Fact]
    public async Task LiveAnswersAtOnceAndReadyOnceTheEngineIsWarm()
    {
        using var api = new MigratieApi(("Opwarmen:Rondes", "3"));
        var client = api.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode ready;
        while ((ready = (await client.GetAsync("/health/ready")).StatusCode) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(HttpStatusCode.OK, ready);
    }

    [Fact]
    public async Task ReadyNeedsNoSignIn()
    {
        using var api = new SignedInApi();
        var client = api.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        HttpStatusCode ready;
        while ((ready = (await client.GetAsync("/health/ready")).StatusCode) == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < deadline)
            await Task.Delay(50);
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal(HttpStatusCode.Unauthorized, (await client.GetAsync("/api/catalogus")).StatusCode);
    }

    [Fact]
    public async Task ZeroRoundsIsReadyWithoutWarmingUp()
    {
        using var api = new MigratieApi(("Opwarmen:Rondes", "0"));
        var client = api.CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(10);
        HttpStatusCode ready;
        while ((ready = (await client.GetAsync("/health/ready")).StatusCode) != HttpStatusCode.OK && DateTime.UtcNow < deadline)
            await Task.Delay(20);
        Assert.Equal(HttpStatusCode.OK, ready);
    }

    [Fact]
    public void ANegativeNumberOfRoundsStopsTheStart()
    {
        using var api = new MigratieApi(("Opwarmen:Rondes", "-1"));
        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("Opwarmen:Rondes", error.ToString());
    }
}
