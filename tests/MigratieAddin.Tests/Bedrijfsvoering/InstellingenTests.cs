using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;

namespace MigratieAddin.Tests;

/// <summary>Every options class is checked at start: a bad value stops the API with a Dutch message naming the setting.</summary>
public sealed class InstellingenTests
{
    /// <summary>What the failed start said: the exception the host logged ("Hosting failed to start") and the one thrown.
    /// The log is what counts: WebApplicationFactory races the failing host's disposal, and under load it can throw an
    /// ObjectDisposedException of its own instead of the host's exception.</summary>
    private static string StartFails(params (string Key, string Value)[] settings)
    {
        var log = new CapturingLoggerProvider();
        using var api = new MigratieApi(settings).WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        var thrown = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        return string.Join("\n", log.Lines) + "\n" + thrown;
    }

    [Theory]
    [InlineData("Limieten:Validatie:MaxBytes", "0", "Instelling Limieten:Validatie:MaxBytes moet tussen 1 MB en 256 MB liggen")]
    [InlineData("Limieten:Validatie:MaxRijen", "-5", "Instelling Limieten:Validatie:MaxRijen moet tussen 1 en 1.000.000 liggen")]
    [InlineData("Limieten:Format:MaxBytes", "1048576", "Instelling Limieten:Format:MaxBytes moet tussen 25 MB en 256 MB liggen")]
    [InlineData("Limieten:Format:MaxRijen", "100", "Instelling Limieten:Format:MaxRijen moet tussen 20.000 en 1.000.000 liggen")]
    [InlineData("Limieten:Werkboek:MaxBytes", "999999999999", "Instelling Limieten:Werkboek:MaxBytes moet tussen 25 MB en 256 MB liggen")]
    [InlineData("Limieten:Werkboek:MaxRijen", "10", "Instelling Limieten:Werkboek:MaxRijen moet tussen 20.000 en 1.000.000 liggen")]
    [InlineData("Limieten:Werkboek:MaxOnderdelen", "3", "Instelling Limieten:Werkboek:MaxOnderdelen moet tussen 20 en 100.000 liggen")]
    [InlineData("Limieten:Werkboek:MaxUitgepakt", "1000", "Instelling Limieten:Werkboek:MaxUitgepakt moet tussen 64 MB en 4.096 MB liggen")]
    [InlineData("Limieten:Werkboek:MaxVerhouding", "1", "Instelling Limieten:Werkboek:MaxVerhouding moet tussen 10 en 10.000 liggen")]
    [InlineData("Limieten:Werkboek:MaxDiepte", "5000", "Instelling Limieten:Werkboek:MaxDiepte moet tussen 20 en 1.000 liggen")]
    [InlineData("Limieten:Werkboek:MaxCellen", "0", "Instelling Limieten:Werkboek:MaxCellen moet tussen 1 en")]
    [InlineData("Limieten:Werkboek:MaxGedeeldeTeksten", "0", "Instelling Limieten:Werkboek:MaxGedeeldeTeksten moet tussen 1 en")]
    [InlineData("Limieten:Downloads:GeldigSeconden", "3600", "Instelling Limieten:Downloads:GeldigSeconden moet tussen 1 en 900 liggen (hooguit een kwartier)")]
    [InlineData("Limieten:Downloads:MaxBytes", "10", "Instelling Limieten:Downloads:MaxBytes moet tussen 1 MB en 256 MB liggen")]
    [InlineData("Limieten:Downloads:MaxPerAanroeper", "0", "Instelling Limieten:Downloads:MaxPerAanroeper moet tussen 1 en 100 liggen")]
    [InlineData("Limieten:Beveiliging:VerzoekenPerMinuut", "-1", "Instelling Limieten:Beveiliging:VerzoekenPerMinuut moet tussen 0 en 1.000.000 liggen (0 zet de limiet uit)")]
    [InlineData("Limieten:Beveiliging:TimeoutSeconden", "0", "Instelling Limieten:Beveiliging:TimeoutSeconden moet tussen 0,001 en 600 liggen")]
    [InlineData("Opwarmen:Rondes", "1001", "Instelling Opwarmen:Rondes moet tussen 0 en 1.000 liggen")]
    [InlineData("Telemetrie:OtlpEndpoint", "otel-collector:4317", "Instelling Telemetrie:OtlpEndpoint moet een http- of https-adres zijn")]
    [InlineData("Addin:PubliekeUrl", "http://migratie.example.org", "Instelling Addin:PubliekeUrl moet een https-adres zonder pad zijn")]
    [InlineData("Proxy:KnownProxies:0", "proxy.intern", "Instelling Proxy:KnownProxies moet IP-adressen bevatten")]
    [InlineData("Proxy:KnownNetworks:0", "10.0.0.0/99", "Instelling Proxy:KnownNetworks moet netwerken in CIDR-notatie bevatten")]
    [InlineData("Catalogus:Map", "/bestaat/niet/catalogus", "Instelling Catalogus:Map moet een bestaande map")]
    public void ABadValueStopsTheStartWithAMessageNamingTheSetting(string setting, string value, string message)
    {
        var said = StartFails((setting, value));
        Assert.True(said.Contains(message, StringComparison.Ordinal), said);
    }

    [Fact]
    public void ABadValueThatIsNotANumberStopsTheStartToo() =>
        Assert.Contains("Limieten:Validatie:MaxRijen", StartFails(("Limieten:Validatie:MaxRijen", "veel")));

    [Theory]
    [InlineData("AzureAd:Instance", "http://login.microsoftonline.com/", "Instelling AzureAd:Instance moet een https-adres zijn")]
    [InlineData("AzureAd:TenantId", "", "Instelling AzureAd:TenantId ontbreekt")]
    [InlineData("AzureAd:Audience", "mijn api", "Instelling AzureAd:Audience moet api://<client-id> of de client-id zijn")]
    public void ABadSignInSettingStopsTheStartWithAMessageNamingIt(string setting, string value, string message)
    {
        (string, string)[] azureAd = [("AzureAd:Instance", "https://login.microsoftonline.com/"), ("AzureAd:TenantId", SignedInApi.Tenant),
            ("AzureAd:ClientId", SignedInApi.ClientId), ("AzureAd:Audience", SignedInApi.Audience)];
        Assert.Contains(message, StartFails([.. azureAd.Where(s => s.Item1 != setting), (setting, value)]));
    }

    [Fact]
    public async Task TheDefaultsStartTheApi()
    {
        using var api = new MigratieApi();
        Assert.True((await api.CreateClient().GetAsync("/health/live")).IsSuccessStatusCode);
    }
}

/// <summary>HSTS outside Development, over https only (browsers ignore it over http, and the middleware never sends it there).</summary>
public sealed class HstsTests
{
    private static HttpClient Client(WebApplicationFactory<Program> api, string scheme) =>
        api.CreateClient(new WebApplicationFactoryClientOptions { BaseAddress = new Uri($"{scheme}://migratie.example.org"), AllowAutoRedirect = false });

    [Fact]
    public async Task InProductionAnHttpsAnswerTellsTheBrowserToStayOnHttpsForAYear()
    {
        using var api = new SignedInApi("Production").WithWebHostBuilder(b => b.UseSetting("Addin:PubliekeUrl", "https://migratie.example.org"));
        var response = await Client(api, "https").GetAsync("/health/live");
        Assert.True(response.IsSuccessStatusCode);
        Assert.Equal("max-age=31536000", response.Headers.GetValues("Strict-Transport-Security").Single());
    }

    [Fact]
    public async Task InProductionAPlainHttpAnswerCarriesNoHsts()
    {
        using var api = new SignedInApi("Production").WithWebHostBuilder(b => b.UseSetting("Addin:PubliekeUrl", "https://migratie.example.org"));
        var response = await Client(api, "http").GetAsync("/health/live");
        Assert.True(response.IsSuccessStatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }

    [Fact]
    public async Task InDevelopmentThereIsNoHsts()
    {
        using var api = new SignedInApi("Development").WithWebHostBuilder(b => b.UseSetting("Addin:PubliekeUrl", "https://migratie.example.org"));
        var response = await Client(api, "https").GetAsync("/health/live");
        Assert.True(response.IsSuccessStatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security"));
    }
}
