using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace MigratieAddin.Tests;

/// <summary>Local mode (no sign-in) and what may reach it: only Development, only loopback, no forwarded headers.</summary>
public class LokaleModusTests
{
    private static readonly IPAddress Remote = IPAddress.Parse("192.0.2.10");

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    [InlineData("Test")]
    public void AnyEnvironmentButDevelopmentWithoutAzureAdDoesNotStart(string environment)
    {
        using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
            b.UseEnvironment(environment).UseSetting("Verzegeling:Sleutel", "Zq8#mW2!vR5@kT9$xL3%nB7^cF1&hJ4*"));
        var e = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("AzureAd", e.ToString());
        Assert.Contains("Aanmelding is niet ingesteld", e.ToString());
    }

    /// <summary>A request as Kestrel hands it over, from <paramref name="remote"/> (null: a Unix socket has no remote address).</summary>
    private static Task<HttpContext> Send(WebApplicationFactory<Program> api, IPAddress? remote, string path = "/api/catalogus", string? forwardedFor = null) =>
        api.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Scheme = "http";
            c.Request.Host = new HostString("localhost");
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = remote;
            if (forwardedFor is not null)
            {
                c.Request.Headers["X-Forwarded-For"] = forwardedFor;
                c.Request.Headers["X-Forwarded-Proto"] = "https";
            }
        });

    private static async Task<string> Body(HttpContext context) => await new StreamReader(context.Response.Body).ReadToEndAsync();

    [Fact]
    public async Task InLocalModeALoopbackConnectionIsServed()
    {
        using var local = new MigratieApi();
        Assert.Equal(StatusCodes.Status200OK, (await Send(local, IPAddress.Loopback)).Response.StatusCode);
        Assert.Equal(StatusCodes.Status200OK, (await Send(local, IPAddress.IPv6Loopback)).Response.StatusCode);
    }

    [Fact]
    public async Task InLocalModeAConnectionWithoutARemoteAddressIsRefused()
    {
        using var local = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Development")); // not MigratieApi: it makes its client loopback
        var context = await Send(local, null);
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.Contains("lokale modus", await Body(context));
    }

    [Theory]
    [InlineData("Proxy:KnownProxies:0", "192.0.2.10")]
    [InlineData("Proxy:KnownNetworks:0", "192.0.2.0/24")]
    [InlineData("ForwardedHeaders_Enabled", "true")] // ASP.NET Core's own switch (ASPNETCORE_FORWARDEDHEADERS_ENABLED) trusts every sender
    public async Task InLocalModeARemoteClientCannotPoseAsLoopbackWithForwardedHeaders(string setting, string value)
    {
        using var local = new MigratieApi((setting, value));
        var context = await Send(local, Remote, forwardedFor: "127.0.0.1");
        Assert.Equal(StatusCodes.Status403Forbidden, context.Response.StatusCode);
        Assert.Contains("lokale modus", await Body(context));
        Assert.Equal(Remote, context.Connection.RemoteIpAddress);
    }

    [Theory]
    [InlineData("Proxy:KnownProxies:0", "192.0.2.10")]
    [InlineData("Proxy:KnownNetworks:0", "192.0.2.0/24")]
    public async Task SignedInForwardedHeadersFromAConfiguredProxyAreUsed(string setting, string value)
    {
        using var api = new SignedInApi().WithWebHostBuilder(b => b.UseSetting(setting, value));
        var context = await Send(api, Remote, "/health", forwardedFor: "203.0.113.7");
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal(IPAddress.Parse("203.0.113.7"), context.Connection.RemoteIpAddress);
        Assert.Equal("https", context.Request.Scheme);
    }

    [Theory]
    [InlineData("Proxy:KnownProxies:0", "192.0.2.99")]
    [InlineData("ForwardedHeaders_Enabled", "true")]
    public async Task SignedInForwardedHeadersFromAnyOtherAddressAreIgnored(string setting, string value)
    {
        using var api = new SignedInApi().WithWebHostBuilder(b => b.UseSetting(setting, value));
        var fromLoopback = await Send(api, IPAddress.Loopback, "/health", forwardedFor: "203.0.113.7");
        Assert.Equal(IPAddress.Loopback, fromLoopback.Connection.RemoteIpAddress); // ASP.NET Core trusts loopback by default; we do not
        var fromRemote = await Send(api, Remote, "/health", forwardedFor: "203.0.113.7");
        Assert.Equal(Remote, fromRemote.Connection.RemoteIpAddress);
        Assert.Equal("http", fromRemote.Request.Scheme);
    }

    [Fact]
    public void AProxySettingThatIsNoAddressStopsStartUp()
    {
        using var api = new SignedInApi().WithWebHostBuilder(b => b.UseSetting("Proxy:KnownNetworks:0", "192.0.2.0/99"));
        var e = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("Proxy:KnownNetworks", e.ToString());
    }

    [Fact]
    public async Task ARequestForAnotherHostIsRefusedWithADutchProblem()
    {
        using var local = new MigratieApi();
        var response = await local.CreateClient(new() { BaseAddress = new Uri("http://aanvaller.example") }).GetAsync("/health");
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("hostnaam", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Theory]
    [InlineData("http://localhost")]
    [InlineData("http://127.0.0.1:5180")]
    [InlineData("http://[::1]:5180")]
    public async Task InLocalModeLocalhostIsAnAllowedHost(string address)
    {
        using var local = new MigratieApi();
        Assert.Equal(HttpStatusCode.OK, (await local.CreateClient(new() { BaseAddress = new Uri(address) }).GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task SignedInThePublicAddressIsTheAllowedHost()
    {
        using var api = new SignedInApi().WithWebHostBuilder(b => b.UseSetting("Addin:PubliekeUrl", "https://migratie.regio.example"));
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient(new() { BaseAddress = new Uri("https://migratie.regio.example") }).GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.CreateClient(new() { BaseAddress = new Uri("https://localhost") }).GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task AnExplicitAllowedHostsSettingWins()
    {
        using var api = new SignedInApi().WithWebHostBuilder(b => b.UseSetting("Addin:PubliekeUrl", "https://migratie.regio.example").UseSetting("AllowedHosts", "intern.regio.example"));
        Assert.Equal(HttpStatusCode.OK, (await api.CreateClient(new() { BaseAddress = new Uri("https://intern.regio.example") }).GetAsync("/health")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await api.CreateClient(new() { BaseAddress = new Uri("https://migratie.regio.example") }).GetAsync("/health")).StatusCode);
    }
}
