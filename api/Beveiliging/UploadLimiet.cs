using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

/// <summary>How many uploads one instance handles at once (Limieten:Werkboek:GelijktijdigeUploads): each may hold a large
/// workbook in memory, so the ones beyond it get a 503 with Retry-After before their body is read.</summary>
public sealed class UploadLimiet : IDisposable
{
    public const int RetryAfterSeconden = 5;

    private readonly ConcurrencyLimiter _limiter;

    public UploadLimiet(IOptions<WerkboekOptions> options)
    {
        Plaatsen = options.Value.GelijktijdigeUploads;
        _limiter = new ConcurrencyLimiter(new ConcurrencyLimiterOptions { PermitLimit = Plaatsen, QueueLimit = 0 });
    }

    /// <summary>Uploads handled at the same time.</summary>
    public int Plaatsen { get; }

    /// <summary>A place for one upload, or a lease that is not acquired when all places are taken (no queue: waiting
    /// requests would hold their connections and bodies all the same).</summary>
    public RateLimitLease Probeer() => _limiter.AttemptAcquire();

    public void Dispose() => _limiter.Dispose();
}

public static class UploadLimietExtensions
{
    /// <summary>Counts this endpoint's requests against the instance's limit on concurrent uploads. An endpoint filter
    /// runs before the handler reads the body, and the place is held until the response has been sent.</summary>
    public static RouteHandlerBuilder LimitUploads(this RouteHandlerBuilder endpoint) =>
        endpoint.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var limiet = http.RequestServices.GetRequiredService<UploadLimiet>();
            var lease = limiet.Probeer();
            if (!lease.IsAcquired)
            {
                lease.Dispose();
                http.Response.Headers.RetryAfter = UploadLimiet.RetryAfterSeconden.ToString(CultureInfo.InvariantCulture);
                return Problems.For(StatusCodes.Status503ServiceUnavailable,
                    Invariant($"De service verwerkt nu het hoogste aantal uploads tegelijk ({limiet.Plaatsen}). Probeer het over {UploadLimiet.RetryAfterSeconden} seconden opnieuw; er gaat niets verloren."));
            }
            http.Response.RegisterForDispose(lease);
            return await next(context);
        });
}
