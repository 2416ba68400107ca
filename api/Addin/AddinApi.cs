using System.Reflection;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

public sealed class AddinOptions
{
    /// <summary>The public https address of this API (for example https://migratie.regio.nl), written into the served manifest.</summary>
    public string? PubliekeUrl { get; set; }
}

/// <summary>Serves the task pane (built into wwwroot) and the add-in manifest from the API's own origin.</summary>
public static class AddinApi
{
    /// <summary>The local development address the top-level manifest.xml points at.</summary>
    public const string LocalBaseUrl = "https://localhost:5181";

    private static readonly Lazy<string> ManifestTemplate = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("manifest.xml")
            ?? throw new InvalidOperationException("manifest.xml is not embedded in the API.");
        return new StreamReader(stream).ReadToEnd();
    });

    public static IServiceCollection AddAddin(this IServiceCollection services)
    {
        services.AddOptions<AddinOptions>().BindConfiguration("Addin")
            .Validate(o => o.PubliekeUrl is null or "" || IsHttpsBase(o.PubliekeUrl),
                "Instelling Addin:PubliekeUrl moet een https-adres zonder pad zijn, bijvoorbeeld https://migratie.regio.nl.")
            .ValidateOnStart();
        return services;
    }

    public static WebApplication MapAddin(this WebApplication app)
    {
        app.UseStaticFiles();
        app.MapGet("/", () => TypedResults.Redirect("/taskpane.html")).ExcludeFromDescription();
        app.MapGet("/manifest.xml", Manifest)
            .WithTags("Invoegtoepassing")
            .WithSummary("Het manifest van de invoegtoepassing")
            .WithDescription("Het manifest met het publieke adres van deze API ingevuld (instelling Addin:PubliekeUrl; zonder die instelling het ingestelde lokale https-adres), om te installeren in Excel of via het Microsoft 365-beheercentrum.");
        return app;
    }

    public static ContentHttpResult Manifest(IOptions<AddinOptions> options, IConfiguration configuration)
    {
        var baseUrl = string.IsNullOrWhiteSpace(options.Value.PubliekeUrl) ? LocalAddress(configuration) : options.Value.PubliekeUrl.TrimEnd('/');
        return TypedResults.Content(ManifestFor(baseUrl), "application/xml; charset=utf-8");
    }

    /// <summary>The first https address the API is configured to listen on (Kestrel endpoints, then urls), else the
    /// development address; never the request's Host header, which the caller chooses.</summary>
    public static string LocalAddress(IConfiguration configuration)
    {
        var urls = configuration.GetSection("Kestrel:Endpoints").GetChildren().Select(e => e["Url"])
            .Concat((configuration[WebHostDefaults.ServerUrlsKey] ?? "").Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        foreach (var url in urls.OfType<string>())
        {
            BindingAddress address;
            try { address = BindingAddress.Parse(url); }
            catch (FormatException) { continue; }
            if (address.IsUnixPipe || !string.Equals(address.Scheme, "https", StringComparison.OrdinalIgnoreCase)) continue;
            var host = address.Host is "*" or "+" or "0.0.0.0" or "[::]" ? "localhost" : address.Host; // listening everywhere: this computer
            return address.Port == 443 ? $"https://{host}" : Invariant($"https://{host}:{address.Port}");
        }
        return LocalBaseUrl;
    }

    /// <summary>The manifest with every local development URL replaced by <paramref name="baseUrl"/>.</summary>
    public static string ManifestFor(string baseUrl) => ManifestTemplate.Value.Replace(LocalBaseUrl, baseUrl.TrimEnd('/'));

    private static bool IsHttpsBase(string url) =>
        Uri.TryCreate(url.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.AbsolutePath == "/" && uri.Query == "";
}
