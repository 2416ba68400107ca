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
                "Addin:PubliekeUrl moet een https-adres zonder pad zijn, bijvoorbeeld https://migratie.regio.nl.")
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
            .WithDescription("Het manifest met het publieke adres van deze API ingevuld (instelling Addin:PubliekeUrl), om te installeren in Excel of via het Microsoft 365-beheercentrum.");
        return app;
    }

    public static Results<ContentHttpResult, ProblemHttpResult> Manifest(HttpRequest request, IOptions<AddinOptions> options)
    {
        var baseUrl = string.IsNullOrWhiteSpace(options.Value.PubliekeUrl)
            ? $"{request.Scheme}://{request.Host}"
            : options.Value.PubliekeUrl.TrimEnd('/');
        if (!IsHttpsBase(baseUrl))
            return Problems.For(StatusCodes.Status409Conflict,
                "Office laadt invoegtoepassingen alleen via https. Open dit adres via https, of stel Addin:PubliekeUrl in op het https-adres van de API.");
        return TypedResults.Content(ManifestFor(baseUrl), "application/xml; charset=utf-8");
    }

    /// <summary>The manifest with every local development URL replaced by <paramref name="baseUrl"/>.</summary>
    public static string ManifestFor(string baseUrl) => ManifestTemplate.Value.Replace(LocalBaseUrl, baseUrl.TrimEnd('/'));

    private static bool IsHttpsBase(string url) =>
        Uri.TryCreate(url.TrimEnd('/'), UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.AbsolutePath == "/" && uri.Query == "";
}
