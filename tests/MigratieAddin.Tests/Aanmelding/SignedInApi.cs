using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace MigratieAddin.Tests;

/// <summary>The API with sign-in on, trusting tokens signed with a local key: real token validation by the JwtBearer
/// scheme Microsoft.Identity.Web registers, with a static configuration instead of a metadata download.</summary>
public sealed class SignedInApi(string environment = "Development", params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    public const string Tenant = "11111111-1111-1111-1111-111111111111";
    public const string ClientId = "22222222-2222-2222-2222-222222222222";
    public const string Issuer = $"https://login.microsoftonline.com/{Tenant}/v2.0";
    public const string Audience = $"api://{ClientId}";
    public const string Scope = "Toewijzingen.Gebruiken";

    public static readonly SymmetricSecurityKey Key = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "test" };
    private static readonly SymmetricSecurityKey OtherKey = new(RandomNumberGenerator.GetBytes(32)) { KeyId = "test" };

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment(environment);
        builder.UseSetting("Opwarmen:Rondes", "1");
        builder.UseSetting("AzureAd:Instance", "https://login.microsoftonline.com/");
        builder.UseSetting("AzureAd:TenantId", Tenant);
        builder.UseSetting("AzureAd:ClientId", ClientId);
        builder.UseSetting("AzureAd:Audience", Audience);
        builder.UseSetting("Verzegeling:Sleutel", "Zq8#Lm2!Vx7@Rt4$Kp9%Wn3^Hs6&Jd1*"); // a strong key: Production refuses weak ones
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services => services.PostConfigure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, o =>
        {
            var configuration = new OpenIdConnectConfiguration { Issuer = Issuer };
            configuration.SigningKeys.Add(Key);
            o.Configuration = configuration;
            o.ConfigurationManager = new StaticConfigurationManager<OpenIdConnectConfiguration>(configuration);
            o.TokenValidationParameters.ValidIssuer = Issuer;
            o.TokenValidationParameters.IssuerValidator = null;
            o.TokenValidationParameters.ValidAudiences = [Audience, ClientId];
            o.TokenValidationParameters.IssuerSigningKey = Key;
        }));
    }

    public enum Fout { Geen, Verlopen, AndereAudience, AndereIssuer, AndereHandtekening }

    public static string Token(string[] roles, string? scope = Scope, Fout fout = Fout.Geen, string? oid = null, IReadOnlyDictionary<string, object>? extra = null)
    {
        var now = DateTime.UtcNow;
        var claims = new Dictionary<string, object> { ["tid"] = Tenant, ["oid"] = oid ?? Guid.NewGuid().ToString(), ["name"] = "Test Gebruiker" };
        foreach (var (name, value) in extra ?? new Dictionary<string, object>()) claims[name] = value;
        if (scope is not null) claims["scp"] = scope;
        if (roles.Length > 0) claims["roles"] = roles;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = fout == Fout.AndereIssuer ? "https://login.microsoftonline.com/99999999-9999-9999-9999-999999999999/v2.0" : Issuer,
            Audience = fout == Fout.AndereAudience ? "api://iets-anders" : Audience,
            IssuedAt = fout == Fout.Verlopen ? now.AddHours(-2) : now,
            NotBefore = fout == Fout.Verlopen ? now.AddHours(-2) : now.AddMinutes(-1),
            Expires = fout == Fout.Verlopen ? now.AddMinutes(-30) : now.AddHours(1),
            Claims = claims,
            SigningCredentials = new SigningCredentials(fout == Fout.AndereHandtekening ? OtherKey : Key, SecurityAlgorithms.HmacSha256),
        };
        return new JsonWebTokenHandler().CreateToken(descriptor);
    }

    public HttpClient ClientWith(string? token)
    {
        var client = CreateClient();
        if (token is not null) client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }
}
