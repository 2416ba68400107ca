using System.Net;
using Microsoft.AspNetCore.HostFiltering;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

/// <summary>The reverse proxies in front of the API (section Proxy): only their X-Forwarded-* headers are believed.</summary>
public sealed class ProxyOptions
{
    /// <summary>Addresses of the proxies, for example 10.0.0.4.</summary>
    public List<string> KnownProxies { get; set; } = [];
    /// <summary>Networks of the proxies in CIDR notation, for example 10.0.0.0/24.</summary>
    public List<string> KnownNetworks { get; set; } = [];
}

/// <summary>Who the API believes a request comes from and is addressed to: forwarded headers only from configured proxies
/// and never in local mode, and host filtering that by default allows only the public host (local mode: localhost).</summary>
public static class Netwerk
{
    private static readonly string[] Localhost = ["localhost", "127.0.0.1", "[::1]"];

    public static IServiceCollection AddNetwerk(this IServiceCollection services)
    {
        services.AddOptions<ProxyOptions>().BindConfiguration("Proxy")
            .Validate(o => o.KnownProxies.All(p => IPAddress.TryParse(p, out _)),
                "Instelling Proxy:KnownProxies moet IP-adressen bevatten, bijvoorbeeld 10.0.0.4.")
            .Validate(o => o.KnownNetworks.All(n => System.Net.IPNetwork.TryParse(n, out _)),
                "Instelling Proxy:KnownNetworks moet netwerken in CIDR-notatie bevatten, bijvoorbeeld 10.0.0.0/24.")
            .ValidateOnStart();

        // Runs after ASP.NET Core's own setup (ASPNETCORE_FORWARDEDHEADERS_ENABLED trusts every sender), so this list decides.
        services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<ProxyOptions>, AanmeldConfig, IOptionsMonitor<HostFilteringOptions>>((o, proxy, aanmelding, hosts) =>
        {
            o.KnownProxies.Clear();
            o.KnownIPNetworks.Clear(); // by default loopback is trusted: a process on this computer could pose as anyone
            var trusted = aanmelding.Aanmelding && (proxy.Value.KnownProxies.Count > 0 || proxy.Value.KnownNetworks.Count > 0);
            o.ForwardedHeaders = trusted ? ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto | ForwardedHeaders.XForwardedHost : ForwardedHeaders.None;
            if (!trusted) return;
            foreach (var p in proxy.Value.KnownProxies) o.KnownProxies.Add(IPAddress.Parse(p));
            foreach (var n in proxy.Value.KnownNetworks) o.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(n));
            if (!hosts.CurrentValue.AllowedHosts.Contains("*")) o.AllowedHosts = hosts.CurrentValue.AllowedHosts; // X-Forwarded-Host too
        });

        // An explicit AllowedHosts is applied by ASP.NET Core itself; without one, ours replaces its "*".
        services.AddOptions<HostFilteringOptions>().Configure<IConfiguration, AanmeldConfig, IOptions<AddinOptions>>((o, configuration, aanmelding, addin) =>
        {
            o.IncludeFailureMessage = false; // its English HTML page; the filter below answers in Dutch
            if (configuration["AllowedHosts"] is { Length: > 0 }) return;
            o.AllowedHosts = aanmelding.Aanmelding && Uri.TryCreate(addin.Value.PubliekeUrl, UriKind.Absolute, out var publiek) ? [publiek.Host] : Localhost;
        });
        services.Insert(0, ServiceDescriptor.Singleton<IStartupFilter>(new OnbekendeHostProblem())); // first: around ASP.NET Core's host filtering
        return services;
    }

    /// <summary>Host filtering answers an empty 400 before any other middleware runs; this gives it a Dutch problem.</summary>
    private sealed class OnbekendeHostProblem : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(async (context, inner) =>
            {
                await inner(context);
                // Every other 400 already has its problem body (status code pages), so an empty one is the host filter's.
                if (context.Response.StatusCode == StatusCodes.Status400BadRequest && !context.Response.HasStarted)
                    await Problems.For(StatusCodes.Status400BadRequest,
                        "De hostnaam van dit verzoek hoort niet bij deze API. Gebruik het adres dat de beheerder heeft ingesteld "
                        + "(Addin:PubliekeUrl of AllowedHosts; in lokale modus localhost).").ExecuteAsync(context);
            });
            next(app);
        };
    }
}
