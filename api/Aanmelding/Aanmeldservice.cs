using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;

namespace MigratieAddin.Api;

/// <summary>The identity provider's metadata could not be fetched in time: the API cannot check any token.</summary>
public sealed class AanmeldserviceOnbereikbaarException(Exception inner)
    : Exception("The identity provider's OpenID metadata could not be fetched in time.", inner);

/// <summary>Fetching the identity provider's metadata (OpenID configuration and signing keys) within bounds: a provider that
/// accepts connections but never answers gets a Dutch 503 within the request timeout, not a request hanging for minutes.</summary>
public static class Aanmeldservice
{
    /// <summary>How long one request waits for the metadata; the JwtBearer default (a minute per download) outlasts any request.</summary>
    public static readonly TimeSpan MetadataTimeout = TimeSpan.FromSeconds(10);

    public const string Onbereikbaar =
        "De aanmeldservice (Microsoft Entra ID) antwoordt nu niet, zodat de API uw aanmelding niet kan controleren. "
        + "Probeer het over een paar minuten opnieuw; blijft het misgaan, meld het dan aan de beheerder.";

    public static void FetchMetadataWithinBounds(JwtBearerOptions options)
    {
        options.BackchannelTimeout = MetadataTimeout; // bounds each download, also the one a cancelled request leaves running
        options.Events ??= new JwtBearerEvents();
        var previous = options.Events.OnMessageReceived;
        options.Events.OnMessageReceived = async context =>
        {
            await previous(context);
            // The token handler fetches the metadata without the request's cancellation and turns a failure into a 401;
            // fetching it here first observes the request timeout and tells the caller what is wrong.
            if (context.Options.ConfigurationManager is { } manager && HasBearerToken(context))
                await Fetch(manager, context.HttpContext.RequestAborted);
        };
    }

    private static bool HasBearerToken(MessageReceivedContext context) =>
        context.Token is { Length: > 0 } || context.Request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase);

    private static async Task Fetch(IConfigurationManager<OpenIdConnectConfiguration> manager, CancellationToken aborted)
    {
        try
        {
            await manager.GetConfigurationAsync(aborted).WaitAsync(MetadataTimeout, aborted);
        }
        catch (Exception e)
        {
            throw new AanmeldserviceOnbereikbaarException(e);
        }
    }

    /// <summary>Answers a request whose token could not be checked with the Dutch 503, before the request timeout would.</summary>
    public static WebApplication UseAanmeldserviceProblem(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context);
            }
            catch (AanmeldserviceOnbereikbaarException e) when (!context.Response.HasStarted)
            {
                app.Logger.LogWarning("De aanmeldservice antwoordt niet: {Reden}", e.InnerException?.GetType().Name);
                context.Response.Clear();
                context.Response.Headers.RetryAfter = "60";
                await Problems.For(StatusCodes.Status503ServiceUnavailable, Onbereikbaar).ExecuteAsync(context);
            }
        });
        return app;
    }
}
