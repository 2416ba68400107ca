using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public class HeaderAndLimitTests
{
    [Theory]
    [InlineData("/taskpane.html")]
    [InlineData("/api/catalogus")]
    [InlineData("/health")]
    public async Task PaneAndApiAnswersCarryTheSecurityHeaders(string url)
    {
        using var api = new MigratieApi();
        var response = await api.CreateClient().GetAsync(url);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' https://appsforoffice.microsoft.com", csp);
        Assert.Contains("connect-src 'self' https://login.microsoftonline.com", csp);
        Assert.Contains("frame-ancestors 'self' https://*.officeapps.live.com", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task TheRedirectBridgePageIsNeverCachedNeverIsolatedByCoopAndMayBeFramedByThePane()
    {
        using var api = new MigratieApi();
        var response = await api.CreateClient().GetAsync(Beveiliging.BrugPagina);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.Contains("Cross-Origin-Opener-Policy"));
        Assert.Contains("frame-src 'self' https://login.microsoftonline.com", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task SwaggerUiHasItsOwnPolicyInDevelopment()
    {
        using var api = new MigratieApi();
        var response = await api.CreateClient().GetAsync("/swagger/index.html");
        Assert.Contains("script-src 'self' 'unsafe-inline'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task TooManyRequestsFromOneCallerGetADutch429AndOtherCallersGoOn()
    {
        using var api = new MigratieApi(("Limieten:Beveiliging:VerzoekenPerMinuut", "12")).WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new CallerFromHeader())));
        var one = api.CreateClient();
        one.DefaultRequestHeaders.Add("X-Test-Caller", "127.0.0.3");
        var other = api.CreateClient();
        other.DefaultRequestHeaders.Add("X-Test-Caller", "127.0.0.2");
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/api/catalogus")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/api/catalogus")).StatusCode);
        var refused = await one.GetAsync("/api/catalogus");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("te veel verzoeken", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/catalogus")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task ARequestThatTakesTooLongGetsADutchTimeoutProblem()
    {
        using var api = new MigratieApi(("Limieten:Beveiliging:TimeoutSeconden", "0.001"));
        var rows = new StringBuilder("""{"fase":"aanbieder","rijen":[""");
        for (var i = 0; i < 20_000; i++) rows.Append(i == 0 ? "" : ",").Append("{\"rij\":" + (i + 2) + ",\"waarden\":{\"bsn\":\"999925702\",\"naam\":\"x" + i + "\"}}");
        rows.Append("]}");
        var response = await api.CreateClient().PostAsync("/api/validatie", new StringContent(rows.ToString(), Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Contains("duurde te lang", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Makes requests come from the address in X-Test-Caller, as if from different computers.</summary>
    private sealed class CallerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(inner => context =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Caller", out var caller)) context.Connection.RemoteIpAddress = IPAddress.Parse(caller!);
                return inner(context);
            });
            next(app);
        };
    }
}
