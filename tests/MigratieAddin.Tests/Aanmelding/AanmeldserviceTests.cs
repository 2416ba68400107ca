using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>Sign-in when the identity provider is reachable but never answers: a Dutch 503 within bounds, not a hang.</summary>
public sealed class AanmeldserviceTests : IDisposable
{
    private readonly TcpListener _silent = new(IPAddress.Loopback, 0);
    private readonly List<Socket> _held = [];

    public AanmeldserviceTests()
    {
        _silent.Start();
        _ = Task.Run(async () =>
        {
            try
            {
                while (true) _held.Add(await _silent.AcceptSocketAsync()); // accept, then never send a byte (not even a TLS handshake)
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { }
        });
    }

    /// <summary>The API signed in against the silent listener: no static metadata, so JwtBearer really fetches it.</summary>
    private WebApplicationFactory<Program> Api(params (string Key, string Value)[] settings) =>
        new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Development");
            b.UseSetting("AzureAd:Instance", $"https://127.0.0.1:{((IPEndPoint)_silent.LocalEndpoint).Port}/");
            b.UseSetting("AzureAd:TenantId", SignedInApi.Tenant);
            b.UseSetting("AzureAd:ClientId", SignedInApi.ClientId);
            b.UseSetting("AzureAd:Audience", SignedInApi.Audience);
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });

    private static async Task<(HttpResponseMessage Response, TimeSpan Took)> SendWithToken(WebApplicationFactory<Program> api, string url)
    {
        var client = api.CreateClient();
        client.Timeout = Timeout.InfiniteTimeSpan;
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", SignedInApi.Token([Rollen.Gemeente]));
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var watch = Stopwatch.StartNew();
        var response = await client.GetAsync(url, bound.Token);
        return (response, watch.Elapsed);
    }

    private static async Task AssertDutch503(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("aanmeldservice", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WarmingUpWaitsForASilentProviderOnlyAsLongAsTheMetadataTimeout()
    {
        using var api = Api(("Opwarmen:Rondes", "1"));
        var client = api.CreateClient();
        var watch = Stopwatch.StartNew();
        while ((await client.GetAsync("/health/ready")).StatusCode != HttpStatusCode.OK && watch.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(100);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/ready")).StatusCode);
        Assert.InRange(watch.Elapsed, Aanmeldservice.MetadataTimeout - TimeSpan.FromSeconds(2), Aanmeldservice.MetadataTimeout + TimeSpan.FromSeconds(8));
    }

    [Fact]
    public async Task ASilentIdentityProviderGetsADutch503WithinTheMetadataTimeout()
    {
        using var api = Api();
        var (response, took) = await SendWithToken(api, "/api/catalogus");
        await AssertDutch503(response);
        Assert.True(took < TimeSpan.FromSeconds(15), $"took {took.TotalSeconds:0.0} s");
    }

    [Fact]
    public async Task ASilentIdentityProviderGetsADutch503WithinTheRequestTimeout()
    {
        using var api = Api(("Limieten:Beveiliging:TimeoutSeconden", "1"));
        var (response, took) = await SendWithToken(api, "/api/catalogus");
        await AssertDutch503(response);
        Assert.True(took < TimeSpan.FromSeconds(5), $"took {took.TotalSeconds:0.0} s");
    }

    public void Dispose()
    {
        _silent.Stop();
        foreach (var socket in _held.ToArray()) socket.Dispose();
    }
}
