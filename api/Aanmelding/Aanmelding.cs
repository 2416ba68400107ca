using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.Identity.Web;

namespace MigratieAddin.Api;

/// <summary>The app roles of the region's tenant: who may do what.</summary>
public static class Rollen
{
    public const string Gemeente = "Gemeente";
    public const string Aanbieder = "Aanbieder";
    public const string Beheer = "Beheer";
}

/// <summary>The authorization policies the endpoints name.</summary>
public static class Beleid
{
    /// <summary>Any role: read the catalogue, validate (an Aanbieder only in fase aanbieder).</summary>
    public const string IedereRol = "IedereRol";
    /// <summary>Gemeente or Beheer: make, send, check, convert and approve.</summary>
    public const string GemeenteWerk = "GemeenteWerk";
    /// <summary>Beheer only: the region's own actions, such as deleting a gemeente's voortgang.</summary>
    public const string Beheer = "Beheer";
}

/// <summary>Whether sign-in is on, and what the pane needs to sign in (served anonymously as /config.json).</summary>
public sealed record AanmeldConfig(bool Aanmelding, string? ClientId, string? Authority, IReadOnlyList<string> Scopes)
{
    public static AanmeldConfig Lokaal { get; } = new(false, null, null, []);
}

/// <summary>Sign-in with the region's Entra ID (Microsoft.Identity.Web) when an AzureAd section is configured; otherwise
/// an explicit local mode that answers only this computer (loopback), in Development only: elsewhere without AzureAd it does not start.</summary>
public static class Aanmelding
{
    public const string DefaultScope = "Toewijzingen.Gebruiken";

    public static WebApplicationBuilder AddAanmelding(this WebApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("AzureAd");
        var on = !string.IsNullOrWhiteSpace(section["ClientId"]);
        if (!on && !builder.Environment.IsDevelopment())
            throw new InvalidOperationException("Aanmelding is niet ingesteld: de sectie AzureAd (Instance, TenantId, ClientId) ontbreekt. "
                + $"Alleen in Development start de API zonder aanmelding (lokale modus), in {builder.Environment.EnvironmentName} niet. Zie de README, 'Aanmelden met Entra ID'.");

        if (on) CheckAzureAd(section);

        var scope = section["Scope"] is { Length: > 0 } s ? s : DefaultScope;
        var config = on
            ? new AanmeldConfig(true, section["ClientId"], $"{(section["Instance"] ?? "https://login.microsoftonline.com/").TrimEnd('/')}/{section["TenantId"]}",
                [$"api://{section["ClientId"]}/{scope}"])
            : AanmeldConfig.Lokaal;
        builder.Services.AddSingleton(config);

        if (on)
        {
            builder.Services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddMicrosoftIdentityWebApi(section);
            builder.Services.Configure<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme, Aanmeldservice.FetchMetadataWithinBounds);
        }
        builder.Services.AddAuthorization(o =>
        {
            o.AddPolicy(Beleid.IedereRol, p => Require(p, on, scope, Rollen.Gemeente, Rollen.Aanbieder, Rollen.Beheer));
            o.AddPolicy(Beleid.GemeenteWerk, p => Require(p, on, scope, Rollen.Gemeente, Rollen.Beheer));
            o.AddPolicy(Beleid.Beheer, p => Require(p, on, scope, Rollen.Beheer));
        });
        return builder;
    }

    /// <summary>The AzureAd settings Microsoft.Identity.Web would otherwise trip over at the first request, in English.</summary>
    private static void CheckAzureAd(IConfigurationSection section)
    {
        if (!Uri.TryCreate(section["Instance"] ?? "https://login.microsoftonline.com/", UriKind.Absolute, out var instance) || instance.Scheme != Uri.UriSchemeHttps)
            throw new InvalidOperationException("Instelling AzureAd:Instance moet een https-adres zijn, meestal https://login.microsoftonline.com/.");
        if (string.IsNullOrWhiteSpace(section["TenantId"]))
            throw new InvalidOperationException("Instelling AzureAd:TenantId ontbreekt: vul de tenant-id (of het domein) van de regio in.");
        if (section["Audience"] is { Length: > 0 } audience && !Uri.TryCreate(audience, UriKind.Absolute, out _) && !Guid.TryParse(audience, out _))
            throw new InvalidOperationException("Instelling AzureAd:Audience moet api://<client-id> of de client-id zijn.");
    }

    private static void Require(AuthorizationPolicyBuilder policy, bool on, string scope, params string[] roles)
    {
        if (!on)
        {
            policy.RequireAssertion(_ => true); // local mode: the loopback check below is the gate
            return;
        }
        policy.RequireAuthenticatedUser()
            .RequireAssertion(ctx => HasScope(ctx.User, scope))
            .RequireAssertion(ctx => roles.Any(r => HasRole(ctx.User, r)));
    }

    public static bool HasScope(ClaimsPrincipal user, string scope) =>
        user.FindAll("scp").Concat(user.FindAll(ClaimConstants.Scope))
            .SelectMany(c => c.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries)).Contains(scope, StringComparer.Ordinal);

    public static bool HasRole(ClaimsPrincipal user, string role) =>
        user.FindAll("roles").Concat(user.FindAll(ClaimTypes.Role)).Any(c => c.Value == role);

    /// <summary>An Aanbieder (without Gemeente or Beheer) may validate only in fase aanbieder.</summary>
    public static bool MayUseFase(ClaimsPrincipal user, AanmeldConfig config, Fase fase) =>
        !config.Aanmelding || fase == Fase.Aanbieder || HasRole(user, Rollen.Gemeente) || HasRole(user, Rollen.Beheer);

    public static WebApplication UseAanmelding(this WebApplication app)
    {
        var config = app.Services.GetRequiredService<AanmeldConfig>();
        if (config.Aanmelding)
        {
            app.Logger.LogInformation("Aanmelding staat aan: elke /api-aanroep vraagt een Entra ID-token met de juiste scope en rol.");
            app.UseAanmeldserviceProblem();
            app.UseAuthentication();
        }
        else
        {
            app.Logger.LogWarning("Lokale modus: aanmelding staat uit (geen AzureAd-instellingen). De API neemt alleen verzoeken aan van deze computer (loopback).");
            app.Use(async (context, next) =>
            {
                var remote = context.Connection.RemoteIpAddress;
                // No remote address (a Unix socket, a named pipe) is not proof of this computer.
                if (remote is not null && IPAddress.IsLoopback(remote)) { await next(); return; }
                await Problems.For(StatusCodes.Status403Forbidden,
                    "Deze API draait in lokale modus (zonder aanmelding) en is alleen bereikbaar vanaf de computer zelf. Stel aanmelding in (AzureAd) om hem vanaf andere computers te gebruiken.")
                    .ExecuteAsync(context);
            });
        }
        app.UseAuthorization();
        app.MapGet("/config.json", (AanmeldConfig c) => TypedResults.Ok(c)).AllowAnonymous().ExcludeFromDescription();
        return app;
    }
}
