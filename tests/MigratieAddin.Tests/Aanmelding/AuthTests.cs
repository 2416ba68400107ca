using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public class AuthTests : IClassFixture<AuthTests.Shared>
{
    /// <summary>One signed-in API for the whole matrix: it holds no state that a request changes.</summary>
    public sealed class Shared : IDisposable
    {
        public SignedInApi Api { get; } = new();
        public void Dispose() => Api.Dispose();
    }

    private readonly SignedInApi _api;

    public AuthTests(Shared shared) => _api = shared.Api;

    private const string Row = """{"rij":2,"waarden":{"gemeentecode":"0193","bsn":"999925702","naam":"X"}}""";

    public static readonly TheoryData<string> Endpoints = new() { "catalogus", "validatie", "format", "per-aanbieder", "controle", "omzetting", "controle-batch", "omzetting-batch", "akkoord" };

    private static readonly byte[] Workbook = Workbooks.Format([RijBuilder.Omzetting().Build()]);

    private static HttpRequestMessage Request(string endpoint, string fase = "aanbieder") => endpoint switch
    {
        "catalogus" => new(HttpMethod.Get, "/api/catalogus"),
        "validatie" => Json("/api/validatie", $$"""{"fase":"{{fase}}","rijen":[{{Row}}]}"""),
        "format" => Json("/api/format", $$"""{"rijen":[{{Row}}]}"""),
        "per-aanbieder" => Json("/api/format/per-aanbieder", $$"""{"rijen":[{{Row}}]}"""),
        "controle" => UploadTo("/api/controle"),
        "omzetting" => UploadTo("/api/omzetting"),
        "controle-batch" => UploadTo("/api/controle/batch"),
        "omzetting-batch" => UploadTo("/api/omzetting/batch"),
        "akkoord" => new(HttpMethod.Post, "/api/akkoord") { Content = Zending.AkkoordBody(SealedOverleg.Rows[0], SealedOverleg.Verzegeling) },
        _ => throw new ArgumentException(endpoint),
    };

    /// <summary>An overleg row of a workbook sealed with the signed-in API's key: the one row akkoord answers for.</summary>
    private static readonly Zending SealedOverleg = Zending.Of(new Sealer(System.Text.Encoding.UTF8.GetBytes(SleutelTests.Sterk)),
        RijBuilder.Omzetting().With(MigratieAddin.Api.Column.Einddatum2023, "30-06-2023"));

    private static HttpRequestMessage Json(string url, string body) => new(HttpMethod.Post, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };

    private static HttpRequestMessage UploadTo(string url)
    {
        return new HttpRequestMessage(HttpMethod.Post, url) { Content = Bestand.Upload(Workbook, FormatApi.XlsxType, "werkboek.xlsx") };
    }

    private async Task<HttpStatusCode> Send(string endpoint, string? token, string fase = "aanbieder") =>
        (await _api.ClientWith(token).SendAsync(Request(endpoint, fase))).StatusCode;

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task WithoutATokenEveryEndpointAnswers401(string endpoint) =>
        Assert.Equal(HttpStatusCode.Unauthorized, await Send(endpoint, null));

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task ATokenThatIsExpiredForAnotherAudienceIssuerOrWronglySignedIs401(string endpoint)
    {
        foreach (var fout in new[] { SignedInApi.Fout.Verlopen, SignedInApi.Fout.AndereAudience, SignedInApi.Fout.AndereIssuer, SignedInApi.Fout.AndereHandtekening })
            Assert.True(await Send(endpoint, SignedInApi.Token([Rollen.Gemeente], fout: fout)) == HttpStatusCode.Unauthorized, $"{endpoint}: {fout}");
    }

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task ATokenWithoutTheApisScopeIs403(string endpoint) =>
        Assert.Equal(HttpStatusCode.Forbidden, await Send(endpoint, SignedInApi.Token([Rollen.Gemeente], scope: "User.Read")));

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task SignedInWithoutAnAppRoleIs403(string endpoint) =>
        Assert.Equal(HttpStatusCode.Forbidden, await Send(endpoint, SignedInApi.Token([])));

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task GemeenteAndBeheerMayUseEveryEndpoint(string endpoint)
    {
        Assert.Equal(HttpStatusCode.OK, await Send(endpoint, SignedInApi.Token([Rollen.Gemeente]), fase: "gemeente"));
        Assert.Equal(HttpStatusCode.OK, await Send(endpoint, SignedInApi.Token([Rollen.Beheer]), fase: "controle"));
    }

    [Theory]
    [InlineData("catalogus", HttpStatusCode.OK)]
    [InlineData("validatie", HttpStatusCode.OK)]
    [InlineData("format", HttpStatusCode.Forbidden)]
    [InlineData("per-aanbieder", HttpStatusCode.Forbidden)]
    [InlineData("controle", HttpStatusCode.Forbidden)]
    [InlineData("omzetting", HttpStatusCode.Forbidden)]
    [InlineData("controle-batch", HttpStatusCode.Forbidden)]
    [InlineData("omzetting-batch", HttpStatusCode.Forbidden)]
    [InlineData("akkoord", HttpStatusCode.Forbidden)]
    public async Task AnAanbiederMayReadTheCatalogueAndValidateAsAanbiederOnly(string endpoint, HttpStatusCode expected) =>
        Assert.Equal(expected, await Send(endpoint, SignedInApi.Token([Rollen.Aanbieder])));

    [Theory]
    [InlineData("gemeente")]
    [InlineData("controle")]
    public async Task AnAanbiederCannotValidateInTheGemeentesFases(string fase)
    {
        var response = await _api.ClientWith(SignedInApi.Token([Rollen.Aanbieder])).SendAsync(Request("validatie", fase));
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("fase 'aanbieder'", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RefusalsAreDutchProblems()
    {
        var response = await _api.ClientWith(null).GetAsync("/api/catalogus");
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("Niet aangemeld", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("title").GetString());
    }

    [Fact]
    public async Task HealthAndTheSignInConfigurationStayOpen()
    {
        var client = _api.ClientWith(null);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health")).StatusCode);
        var config = JsonDocument.Parse(await client.GetStringAsync("/config.json")).RootElement;
        Assert.True(config.GetProperty("aanmelding").GetBoolean());
        Assert.Equal(SignedInApi.ClientId, config.GetProperty("clientId").GetString());
        Assert.Equal($"https://login.microsoftonline.com/{SignedInApi.Tenant}", config.GetProperty("authority").GetString());
        Assert.Equal($"api://{SignedInApi.ClientId}/{SignedInApi.Scope}", config.GetProperty("scopes")[0].GetString());
    }

    [Fact]
    public async Task SwaggerAndOpenApiAreOnlyThereInDevelopment()
    {
        using var production = new SignedInApi("Production");
        var client = production.ClientWith(null);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/swagger/index.html")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync("/openapi/v1.json")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _api.ClientWith(null).GetAsync("/openapi/v1.json")).StatusCode);
    }

    [Fact]
    public async Task WithoutAzureAdTheApiRunsInLocalModeAndSaysSo()
    {
        using var local = new MigratieApi();
        var config = JsonDocument.Parse(await local.CreateClient().GetStringAsync("/config.json")).RootElement;
        Assert.False(config.GetProperty("aanmelding").GetBoolean());
        Assert.Equal(HttpStatusCode.OK, (await local.CreateClient().GetAsync("/api/catalogus")).StatusCode);
    }

    [Fact]
    public async Task InLocalModeARequestFromAnotherComputerIsRefused()
    {
        using var local = new MigratieApi().WithWebHostBuilder(b => Microsoft.AspNetCore.TestHost.WebHostBuilderExtensions.ConfigureTestServices(b, s =>
            s.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(new FromAddress(System.Net.IPAddress.Parse("192.0.2.10")))));
        var response = await local.CreateClient().GetAsync("/api/catalogus");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("lokale modus", await response.Content.ReadAsStringAsync());
    }

    /// <summary>Makes every request look as if it came from another computer.</summary>
    private sealed class FromAddress(System.Net.IPAddress address) : Microsoft.AspNetCore.Hosting.IStartupFilter
    {
        public Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> Configure(Action<Microsoft.AspNetCore.Builder.IApplicationBuilder> next) => app =>
        {
            app.Use(inner => context => { context.Connection.RemoteIpAddress = address; return inner(context); });
            next(app);
        };
    }
}
