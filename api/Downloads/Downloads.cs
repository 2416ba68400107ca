using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

public sealed class DownloadOptions
{
    /// <summary>How long a download address works: long enough to open it, short enough that a copied link is useless.</summary>
    public int GeldigSeconden { get; set; } = 180;
    /// <summary>Largest file one address may carry.</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;
    /// <summary>Addresses one caller may hold at once (memory is the only store).</summary>
    public int MaxPerAanroeper { get; set; } = 4;
}

public sealed record DownloadAdres(string Adres, DateTimeOffset GeldigTot);

/// <summary>A file waiting to be fetched once, with who asked for it.</summary>
public sealed record Download(string Caller, IPAddress? Address, byte[] Inhoud, string ContentType, string Bestandsnaam, DateTimeOffset Verloopt);

public enum Ophalen { Gevonden, Onbekend, AndereAanroeper, AlGebruikt, Verlopen }

/// <summary>Short-lived single-use download addresses, held in memory only. Excel for Mac ignores a[download], so the pane
/// opens such an address in the system browser instead (Office.context.ui.openBrowserWindow). That browser has no bearer
/// token, so an address is bound to its caller this way: a request with a token must be the same user; one without must come
/// from the client address that asked for it. The id is 256 random bits; the address carries nothing else.</summary>
public sealed class DownloadStore(TimeProvider time, IOptions<DownloadOptions> options)
{
    private readonly ConcurrentDictionary<string, Download> _waiting = new(StringComparer.Ordinal);
    /// <summary>Ids already fetched, until they would have expired: a second fetch says "used", not "unknown".</summary>
    private readonly ConcurrentDictionary<string, DateTimeOffset> _used = new(StringComparer.Ordinal);

    public int Count => _waiting.Count;

    /// <summary>Stores the file and returns its id, or null when the caller already holds the most addresses allowed.</summary>
    public (string Id, DateTimeOffset Verloopt)? Add(string caller, IPAddress? address, byte[] inhoud, string contentType, string bestandsnaam)
    {
        Purge();
        if (_waiting.Values.Count(d => d.Caller == caller) >= options.Value.MaxPerAanroeper) return null;
        var id = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var verloopt = time.GetUtcNow().AddSeconds(options.Value.GeldigSeconden);
        _waiting[id] = new Download(caller, address, inhoud, contentType, bestandsnaam, verloopt);
        return (id, verloopt);
    }

    /// <summary>Hands out the file once, to its own caller (see the class summary), before it expires.</summary>
    public (Ophalen Uitkomst, Download? Download) Take(string id, string? signedInCaller, IPAddress? address)
    {
        Purge();
        if (_used.ContainsKey(id)) return (Ophalen.AlGebruikt, null);
        if (!_waiting.TryGetValue(id, out var download)) return (Ophalen.Onbekend, null);
        if (download.Verloopt <= time.GetUtcNow()) return (Ophalen.Verlopen, null);
        var same = signedInCaller is not null ? signedInCaller == download.Caller : Equals(address, download.Address);
        if (!same) return (Ophalen.AndereAanroeper, null);
        if (!_waiting.TryRemove(id, out download)) return (Ophalen.AlGebruikt, null); // a parallel fetch won
        _used[id] = download.Verloopt;
        return (Ophalen.Gevonden, download);
    }

    private void Purge()
    {
        var now = time.GetUtcNow();
        foreach (var (id, d) in _waiting)
            if (d.Verloopt <= now.AddSeconds(-options.Value.GeldigSeconden)) _waiting.TryRemove(id, out _); // kept a while to say "verlopen"
        foreach (var (id, until) in _used)
            if (until <= now) _used.TryRemove(id, out _);
    }
}

/// <summary>POST /api/downloads turns a file the pane holds into a short-lived address; GET /api/downloads/{id} hands it out once.</summary>
public static class DownloadsApi
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.OrdinalIgnoreCase)
    {
        [".zip"] = "application/zip",
        [".csv"] = "text/csv; charset=utf-8",
        [".xlsx"] = FormatApi.XlsxType,
    };

    public static IServiceCollection AddDownloads(this IServiceCollection services)
    {
        services.AddOptions<DownloadOptions>().BindConfiguration("Limieten:Downloads")
            .Tussen("Limieten:Downloads:GeldigSeconden", o => o.GeldigSeconden, 1, 900, waarom: "hooguit een kwartier")
            .Tussen("Limieten:Downloads:MaxBytes", o => o.MaxBytes, 1 * Instellingen.MB, Instellingen.MaxVerzoek, bytes: true)
            .Tussen("Limieten:Downloads:MaxPerAanroeper", o => o.MaxPerAanroeper, 1, 100)
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<DownloadStore>();
        return services;
    }

    public static RouteGroupBuilder MapDownloads(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/downloads", "Downloads", Beleid.IedereRol);
        group.MapPost("", Maak)
            .WithName("MaakDownloadAdres")
            .WithSummary("Een eenmalig downloadadres voor een bestand")
            .WithDescription("Upload (veld 'bestand') een .zip, .csv of .xlsx. Antwoord: een adres dat enkele minuten geldig is, één keer werkt en alleen "
                + "voor dezelfde gebruiker (of, zonder token, hetzelfde clientadres). Voor Excel voor Mac, waar het taakvenster niet zelf kan downloaden.")
            .Accepts<IFormFile>("multipart/form-data")
            .Produces<DownloadAdres>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status429TooManyRequests)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable)
            .DisableAntiforgery()
            .LimitUploads();
        group.MapGet("/{id}", Haal)
            .AllowAnonymous() // opened in the system browser, which has no token: the store checks the caller
            .WithName("HaalDownload")
            .WithSummary("Haal een bestand één keer op")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);
        return group;
    }

    public static async Task<Results<Ok<DownloadAdres>, ProblemHttpResult>> Maak(
        HttpRequest request, DownloadStore store, IOptions<DownloadOptions> options, CancellationToken ct)
    {
        try
        {
            var (file, form) = await Upload.ReadAsync(request, options.Value.MaxBytes, "het bestand (.zip, .csv of .xlsx)", ct);
            var name = Path.GetFileName(form.Files.GetFile("bestand")!.FileName);
            if (!Types.TryGetValue(Path.GetExtension(name), out var type))
                return Problems.For(400, "Alleen .zip-, .csv- en .xlsx-bestanden krijgen een downloadadres.");
            var added = store.Add(Beveiliging.Caller(request.HttpContext), request.HttpContext.Connection.RemoteIpAddress, file, type, name);
            if (added is not { } a)
                return Problems.For(StatusCodes.Status429TooManyRequests,
                    "U heeft al enkele downloads klaarstaan. Open die eerst, of wacht een paar minuten tot ze verlopen.");
            return TypedResults.Ok(new DownloadAdres($"/api/downloads/{a.Id}", a.Verloopt));
        }
        catch (RequestException e)
        {
            return Problems.From(e);
        }
    }

    public static Results<FileContentHttpResult, ProblemHttpResult> Haal(string id, HttpContext context, DownloadStore store)
    {
        var signedIn = context.User.Identity?.IsAuthenticated == true ? Beveiliging.Caller(context) : null;
        var (uitkomst, download) = store.Take(id, signedIn, context.Connection.RemoteIpAddress);
        context.Response.Headers.CacheControl = "no-store";
        return uitkomst switch
        {
            Ophalen.Gevonden => TypedResults.File(download!.Inhoud, download.ContentType, download.Bestandsnaam),
            Ophalen.AlGebruikt => Problems.For(StatusCodes.Status410Gone,
                "Deze downloadlink is al gebruikt en werkt maar één keer. Maak het bestand opnieuw in het taakvenster."),
            Ophalen.Verlopen => Problems.For(StatusCodes.Status410Gone,
                "Deze downloadlink is verlopen (hij werkt enkele minuten). Maak het bestand opnieuw in het taakvenster."),
            // Unknown and someone else's look the same: an address reveals nothing about another caller's files.
            _ => Problems.For(StatusCodes.Status404NotFound,
                "Deze downloadlink bestaat niet (meer). Maak het bestand opnieuw in het taakvenster."),
        };
    }
}
