using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.Timeouts;
using Microsoft.AspNetCore.RateLimiting;

namespace MigratieAddin.Api;

public sealed class BeveiligingOptions
{
    /// <summary>Requests per caller per minute (the signed-in user, else the client address), refilled every 10 s: 50 per
    /// second is far above what a person at a live-validating pane sends, and far below a flood. 0 switches the limiter off.</summary>
    public int VerzoekenPerMinuut { get; set; } = 3000;
    /// <summary>Seconds a request may take before it is answered with a timeout problem.</summary>
    public double TimeoutSeconden { get; set; } = 30;
}

/// <summary>What protects the API and the pane: security headers, no caching of rows, a rate limit per caller and
/// request timeouts, each answering with a Dutch problem+json.</summary>
public static class Beveiliging
{
    public const string ApiLimiet = "api";
    public const string ApiTimeout = "api";

    /// <summary>The pane needs office.js from Microsoft's CDN, the sign-in endpoints, and inline styles (Fluent UI
    /// writes its CSS at run time); it may be framed only by Office's own hosts. MSAL's hidden sign-in iframe goes to
    /// Entra ID and is sent back to this origin's redirect bridge page, hence frame-src 'self' as well.</summary>
    public const string PanePolicy =
        "default-src 'self'; script-src 'self' https://appsforoffice.microsoft.com; style-src 'self' 'unsafe-inline'; " +
        "img-src 'self' data:; font-src 'self' data:; connect-src 'self' https://login.microsoftonline.com; " +
        "frame-src 'self' https://login.microsoftonline.com; object-src 'none'; base-uri 'self'; form-action 'self' https://login.microsoftonline.com; " +
        "frame-ancestors 'self' https://*.officeapps.live.com https://*.office.com https://*.office365.com https://*.sharepoint.com https://*.cloud.microsoft https://*.microsoft365.com";

    /// <summary>msal-browser 5's redirect bridge page (addin/src/aanmelden-terug.html): it receives Entra ID's answer in
    /// its address, so no copy may be kept; and it must never get a Cross-Origin-Opener-Policy header, which would cut it
    /// off from the pane (https://learn.microsoft.com/entra/msal/javascript/browser/redirect-bridge).</summary>
    public const string BrugPagina = "/aanmelden-terug.html";

    /// <summary>Swagger UI (Development only) runs its own inline script.</summary>
    public const string SwaggerPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'";

    public static IServiceCollection AddBeveiliging(this IServiceCollection services)
    {
        services.AddOptions<BeveiligingOptions>().BindConfiguration("Limieten:Beveiliging")
            .Tussen("Limieten:Beveiliging:VerzoekenPerMinuut", o => o.VerzoekenPerMinuut, 0, 1_000_000, waarom: "0 zet de limiet uit")
            .Tussen("Limieten:Beveiliging:TimeoutSeconden", o => o.TimeoutSeconden, 0.001, 600)
            .ValidateOnStart();
        services.AddNetwerk();
        // Browsers that once reached the API over https never try plain http again; a year, as browsers' preload lists ask.
        services.AddHsts(o => o.MaxAge = TimeSpan.FromDays(365));
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                if (context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retry))
                    context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retry.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.For(StatusCodes.Status429TooManyRequests,
                    "U stuurt te veel verzoeken in korte tijd. Wacht even en probeer het dan opnieuw; er gaat niets verloren.").ExecuteAsync(context.HttpContext);
            };
            o.AddPolicy(ApiLimiet, context =>
            {
                var options = context.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<BeveiligingOptions>>().Value;
                if (options.VerzoekenPerMinuut <= 0) return RateLimitPartition.GetNoLimiter("uit");
                var perTenSeconds = Math.Max(1, options.VerzoekenPerMinuut / 6);
                return RateLimitPartition.GetTokenBucketLimiter(Caller(context), _ => new TokenBucketRateLimiterOptions
                {
                    TokenLimit = perTenSeconds,
                    TokensPerPeriod = perTenSeconds,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(10),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
            });
        });
        services.AddRequestTimeouts();
        services.AddOptions<RequestTimeoutOptions>().Configure<Microsoft.Extensions.Options.IOptions<BeveiligingOptions>>((o, b) => o.AddPolicy(ApiTimeout, new RequestTimeoutPolicy
        {
            Timeout = TimeSpan.FromSeconds(b.Value.TimeoutSeconden),
            TimeoutStatusCode = StatusCodes.Status503ServiceUnavailable,
            WriteTimeoutResponse = context => Problems.For(StatusCodes.Status503ServiceUnavailable,
                "Het verzoek duurde te lang en is afgebroken. Stuur minder rijen per keer, of probeer het later opnieuw.").ExecuteAsync(context),
        }));
        return services;
    }

    /// <summary>The caller a rate limit counts for: the signed-in user (object id), else the client address.</summary>
    public static string Caller(HttpContext context) =>
        context.User.FindFirst("oid")?.Value ?? context.User.FindFirst("http://schemas.microsoft.com/identity/claims/objectidentifier")?.Value
        ?? context.User.FindFirst(ClaimTypes.NameIdentifier)?.Value
        ?? context.Connection.RemoteIpAddress?.ToString() ?? "onbekend";

    /// <summary>A group of /api endpoints: its OpenAPI tag, who may use it, the rate limit per caller, the timeout, the
    /// counters, and request errors as problem+json.</summary>
    public static RouteGroupBuilder MapApiGroup(this IEndpointRouteBuilder app, string prefix, string tag, string policy)
    {
        var group = app.MapGroup(prefix).WithTags(tag).RequireAuthorization(policy).RequireRateLimiting(ApiLimiet);
        group.WithRequestTimeout(ApiTimeout);
        group.AddEndpointFilter(Telemetrie.Count);
        group.AddEndpointFilter<RequestErrorFilter>();
        return group;
    }

    public static WebApplication UseBeveiliging(this WebApplication app)
    {
        app.UseForwardedHeaders(); // before the loopback check and the rate limit read the client address
        // Only over https (as the proxy reports it) and never for localhost: a developer's browser keeps no HSTS for it.
        if (!app.Environment.IsDevelopment()) app.UseHsts();
        app.Use(async (context, next) =>
        {
            var headers = context.Response.Headers;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/swagger") ? SwaggerPolicy : PanePolicy;
            // Rows are personal data: no browser or proxy keeps a copy of an answer.
            if (context.Request.Path.StartsWithSegments("/api") || context.Request.Path.Equals(BrugPagina, StringComparison.OrdinalIgnoreCase)) headers.CacheControl = "no-store";
            await next();
        });
        app.UseRequestTimeouts();
        return app;
    }
}
