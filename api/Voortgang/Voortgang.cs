using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

/// <summary>One gemeente and aanbieder against the plan: what was sent and returned, the rows per status at the last
/// check, approvals and conversions, and the plan's step they are at. Aanbieder is null for a gemeente that sent nothing yet.</summary>
public sealed record VoortgangRegel(string Gemeente, string? GemeenteNaam, string? Aanbieder, string? AanbiederNaam,
    int Verstuurd, int Teruggekomen, int Rijen, Telling Telling, int Akkoorden, int Omgezet, int NietOmgezet,
    Stap? Stap, Stap? VolgendeStap, bool TeLaat);

public sealed record VoortgangOverzicht(DateOnly Datum, IReadOnlyList<VoortgangRegel> Regels, int TeLaat)
{
    /// <summary>The same lines as a table, for the sheet the pane writes and the .xlsx download.</summary>
    public VoortgangTabel Tabel => VoortgangTabel.Of(this);
}

/// <summary>Records what happens to each sealed workbook (no personal data: codes, ids, counts, times) and answers
/// GET /api/voortgang: where every gemeente and aanbieder stands against the dates of the region's plan.</summary>
public static class Voortgang
{
    public const string Verstuurd = "verstuurd";
    public const string Teruggekomen = "teruggekomen";
    public const string Omgezet = "omgezet";

    public static IServiceCollection AddVoortgang(this IServiceCollection services)
    {
        services.AddOptions<VoortgangOptions>().BindConfiguration("Voortgang")
            .Validate(o => o.BewaarDagen is >= 1 and <= 3650, "Voortgang:BewaarDagen moet tussen 1 en 3650 liggen.")
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var configuration = sp.GetRequiredService<IConfiguration>();
            var options = sp.GetRequiredService<IOptions<VoortgangOptions>>().Value;
            return configuration.GetConnectionString("Voortgang") is { Length: > 0 } postgres
                ? Voortgangsopslag.Postgres(postgres)
                : Voortgangsopslag.Sqlite(options.Bestand is { Length: > 0 } file ? file : VoortgangOptions.StandaardBestand());
        });
        services.AddSingleton<Voortgangslog>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddHostedService<VoortgangOnderhoud>();
        services.AddHealthChecks().AddCheck<DatabaseCheck>("database", tags: ["ready"]);
        return services;
    }

    public static IEndpointRouteBuilder MapVoortgang(this IEndpointRouteBuilder app)
    {
        var group = app.MapApiGroup("/api/voortgang", "Voortgang", Beleid.IedereRol);
        group.MapGet("", Overzicht)
            .WithName("Voortgang")
            .WithSummary("Waar elke gemeente en aanbieder staat tegenover de data van het plan")
            .WithDescription("Per gemeente en aanbieder: werkboeken verstuurd en teruggekomen, rijen per status bij de laatste controle, akkoorden, "
                + "omgezette rijen, de stap van het plan en of die te laat is (te laat eerst). Een gemeente ziet haar eigen gemeente, een aanbieder "
                + "alleen de eigen werkboeken, Beheer alles. Er staan geen persoonsgegevens in.")
            .Produces<VoortgangOverzicht>()
            .Produces(StatusCodes.Status200OK, contentType: FormatApi.XlsxType)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        group.MapDelete("/gemeenten/{gemeente}", Verwijder)
            .RequireAuthorization(Beleid.Beheer)
            .WithName("VoortgangVerwijderen")
            .WithSummary("Verwijder alles wat over de werkboeken van een gemeente is vastgelegd (alleen Beheer)")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return app;
    }

    public static async Task<Results<Ok<VoortgangOverzicht>, FileContentHttpResult, ProblemHttpResult>> Overzicht(
        HttpContext context, Voortgangsopslag opslag, Catalogus catalogus, AanmeldConfig config, TimeProvider time, string? formaat, CancellationToken ct)
    {
        if (formaat is not (null or "" or "json" or "xlsx"))
            return Problems.For(StatusCodes.Status400BadRequest, "Onbekend formaat. Laat 'formaat' weg voor JSON, of gebruik formaat=xlsx voor een werkboek met grafiek.");
        if (Zicht.Van(context.User, config) is not { } zicht)
            return Problems.For(StatusCodes.Status403Forbidden,
                "Uw account zegt niet bij welke gemeente of aanbieder u hoort (claim 'gemeentecode' of 'agb'), dus de API weet niet welke voortgang u mag zien. "
                + "Vraag de beheerder van de regio dit in te stellen (zie de README, 'Voortgang').");
        var werkboeken = await opslag.LeesAsync(zicht.Gemeenten, zicht.Aanbieders, ct);
        var vandaag = DateOnly.FromDateTime(time.GetLocalNow().DateTime);
        var stand = Stand(werkboeken, catalogus, vandaag, zicht);
        return formaat == "xlsx"
            ? TypedResults.File(stand.Tabel.Xlsx(), FormatApi.XlsxType, "voortgang-" + vandaag.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + ".xlsx")
            : TypedResults.Ok(stand);
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> Verwijder(string gemeente, Voortgangsopslag opslag, Catalogus catalogus, CancellationToken ct)
    {
        if (catalogus.Gemeente(gemeente) is null)
            return Problems.For(StatusCodes.Status400BadRequest, "Onbekende gemeentecode. Gebruik de CBS-code van 4 cijfers van een gemeente van de regio.");
        await opslag.VerwijderGemeenteAsync(gemeente, ct);
        return TypedResults.NoContent();
    }

    /// <summary>The overview: one line per gemeente and aanbieder, late ones first.</summary>
    public static VoortgangOverzicht Stand(IReadOnlyList<WerkboekVoortgang> werkboeken, Catalogus catalogus, DateOnly vandaag, Zicht zicht)
    {
        var regio = catalogus.Regio;
        var gemeten = regio.Stappen.Where(s => s.Meting is not null).OrderBy(s => s.Nummer)
            .Select(s => s with { Wie = regio.Tekst(s.Wie), Wat = regio.Tekst(s.Wat) }).ToList(); // "{nieuw}" and the like filled in
        VoortgangRegel Regel(string gemeente, string? aanbieder, IReadOnlyList<WerkboekVoortgang> eigen)
        {
            var verstuurd = eigen.Count(w => w.Gemaakt is not null);
            var terug = eigen.Count(w => w.LaatsteControle is not null);
            var omgezet = eigen.Count(w => w.LaatsteOmzetting is not null);
            bool Bereikt(string meting) => meting switch
            {
                Verstuurd => eigen.Count > 0,
                Teruggekomen => eigen.Count > 0 && terug == eigen.Count,
                Omgezet => eigen.Count > 0 && omgezet == eigen.Count,
                _ => false,
            };
            var stap = gemeten.LastOrDefault(s => Bereikt(s.Meting!));
            var volgende = gemeten.FirstOrDefault(s => !Bereikt(s.Meting!));
            var controles = eigen.Select(w => w.LaatsteControle).OfType<ControleGedaan>().ToList();
            var telling = new Telling(controles.Sum(c => c.Telling.Ok), controles.Sum(c => c.Telling.Onvolledig),
                controles.Sum(c => c.Telling.Overleg), controles.Sum(c => c.Telling.Fout));
            return new VoortgangRegel(gemeente, catalogus.Gemeente(gemeente)?.Naam, aanbieder, aanbieder is null ? null : catalogus.Aanbieder(aanbieder)?.Naam,
                verstuurd, terug, eigen.Sum(w => w.Rijen), telling, eigen.Sum(w => w.Akkoorden),
                eigen.Sum(w => w.LaatsteOmzetting?.Omgezet ?? 0), eigen.Sum(w => w.LaatsteOmzetting?.NietOmgezet ?? 0),
                stap, volgende, volgende?.Uiterlijk is { } uiterlijk && uiterlijk < vandaag);
        }

        var regels = werkboeken.GroupBy(w => (w.Gemeente, w.Aanbieder)).Select(g => Regel(g.Key.Gemeente, g.Key.Aanbieder, g.ToList())).ToList();
        // A gemeente that has sent nothing yet is the first to chase: it gets a line of its own (not for an aanbieder's view).
        if (zicht.Aanbieders is null)
            foreach (var g in catalogus.Gemeenten.Where(g => zicht.Gemeenten?.Contains(g.Cbscode) ?? true))
                if (regels.All(r => r.Gemeente != g.Cbscode)) regels.Add(Regel(g.Cbscode, null, []));
        var geordend = regels.OrderByDescending(r => r.TeLaat).ThenBy(r => r.GemeenteNaam ?? r.Gemeente, StringComparer.Create(System.Globalization.CultureInfo.InvariantCulture, true))
            .ThenBy(r => r.AanbiederNaam ?? r.Aanbieder, StringComparer.OrdinalIgnoreCase).ToList();
        return new VoortgangOverzicht(vandaag, geordend, geordend.Count(r => r.TeLaat));
    }

    private sealed class DatabaseCheck(Voortgangsopslag opslag) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default)
        {
            try
            {
                return await opslag.ReachableAsync(ct)
                    ? HealthCheckResult.Healthy()
                    : HealthCheckResult.Unhealthy("De database voor de voortgang is nog niet bijgewerkt.");
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy($"De database voor de voortgang ({opslag.Soort}) is niet bereikbaar.");
            }
        }
    }
}

/// <summary>Which gemeenten and aanbieders a caller may see; null means all.</summary>
public sealed record Zicht(IReadOnlySet<string>? Gemeenten, IReadOnlySet<string>? Aanbieders)
{
    public static readonly Zicht Alles = new(null, null);

    /// <summary>Local mode and Beheer see everything; a Gemeente its gemeentecode claims; an Aanbieder its agb claims.
    /// Null when the caller's role needs a claim that the token lacks.</summary>
    public static Zicht? Van(ClaimsPrincipal user, AanmeldConfig config)
    {
        if (!config.Aanmelding || Aanmelding.HasRole(user, Rollen.Beheer)) return Alles;
        if (Aanmelding.HasRole(user, Rollen.Gemeente))
            return Codes(user, "gemeentecode") is { Count: > 0 } gemeenten ? new Zicht(gemeenten, null) : null;
        if (Aanmelding.HasRole(user, Rollen.Aanbieder))
            return Codes(user, "agb") is { Count: > 0 } aanbieders ? new Zicht(null, aanbieders) : null;
        return null;
    }

    /// <summary>The values of a claim, as a plain claim or as a directory extension (extn.name); several codes may be
    /// given as separate claims or separated by spaces or commas.</summary>
    private static HashSet<string> Codes(ClaimsPrincipal user, string name) =>
        user.FindAll(name).Concat(user.FindAll("extn." + name))
            .SelectMany(c => c.Value.Split([' ', ','], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            .ToHashSet(StringComparer.Ordinal);
}

/// <summary>What the endpoints call to record an event. Recording never fails the user's request: a database that is
/// away is logged (without any value from the request) and the answer goes out as usual.</summary>
public sealed class Voortgangslog(Voortgangsopslag opslag, TimeProvider time, ILogger<Voortgangslog> log)
{
    public DateTimeOffset Nu => time.GetUtcNow();

    public Task GemaaktAsync(IEnumerable<(string WerkboekId, Zending Zending)> werkboeken, CancellationToken ct)
    {
        var gemaakt = werkboeken.Select(w => new WerkboekGemaakt(w.WerkboekId, w.Zending.Gemeentecode, w.Zending.Agb, w.Zending.Rijen, Nu)).ToList();
        return Safely("verzonden werkboeken", () => opslag.BewaarAsync(gemaakt, ct));
    }

    /// <summary>A check of a returned workbook. Only sealed workbooks are followed: without a workbook id there is nothing to follow.</summary>
    public Task GecontroleerdAsync(Judgement judgement, CancellationToken ct) =>
        Controle(judgement) is { } c ? GecontroleerdAsync([c], ct) : Task.CompletedTask;

    /// <summary>The checks of a batch, recorded together (one transaction).</summary>
    public Task GecontroleerdAsync(IReadOnlyList<ControleGedaan> controles, CancellationToken ct)
    {
        if (controles.Count == 0) return Task.CompletedTask;
        return Safely("controle", async () =>
        {
            // An id from a seal that verified was made by this API. One read from the Regel-IDs of a failed seal is typed
            // text: it is kept only when it names a workbook this API sent, so no typed value ever reaches the store.
            var kept = new List<ControleGedaan>(controles.Count);
            foreach (var c in controles)
                if (c.VerzegelingGeldig || await opslag.BekendAsync(c.WerkboekId, ct)) kept.Add(c);
            await opslag.BewaarAsync(kept, ct);
        });
    }

    /// <summary>What is recorded about a check (codes, counts and times), or null for a workbook that cannot be followed.</summary>
    public ControleGedaan? Controle(Judgement judgement)
    {
        if (Werkboek(judgement) is not var (id, gemeente, aanbieder)) return null;
        int Rijen(string code) => judgement.Beoordeling.Rijen.Count(r => r.Meldingen.Any(m => m.Code == code));
        return new ControleGedaan(id, gemeente, aanbieder, Nu, judgement.Beoordeling.Telling, judgement.Seal?.WerkboekId is not null,
            Rijen("BLAUW_GEWIJZIGD"), judgement.Seal?.Verwijderd.Count ?? 0, Rijen("REGEL_TOEGEVOEGD"));
    }

    public Task AkkoordAsync(string werkboekId, CancellationToken ct) =>
        Safely("akkoord", () => opslag.BewaarAsync(new AkkoordGegeven(werkboekId, Nu), ct));

    public Task OmgezetAsync(Judgement judgement, int omgezet, int nietOmgezet, CancellationToken ct) =>
        Omzetting(judgement, omgezet, nietOmgezet) is { } o ? OmgezetAsync([o], ct) : Task.CompletedTask;

    /// <summary>The conversions of a batch, recorded together (one transaction).</summary>
    public Task OmgezetAsync(IReadOnlyList<OmzettingGedaan> omzettingen, CancellationToken ct) =>
        omzettingen.Count == 0 ? Task.CompletedTask : Safely("omzetting", () => opslag.BewaarAsync(omzettingen, ct));

    /// <summary>What is recorded about a conversion, or null when the workbook's seal did not verify.</summary>
    public OmzettingGedaan? Omzetting(Judgement judgement, int omgezet, int nietOmgezet) =>
        judgement.Seal?.WerkboekId is null || Werkboek(judgement) is not var (id, gemeente, aanbieder)
            ? null : new OmzettingGedaan(id, gemeente, aanbieder, Nu, omgezet, nietOmgezet);

    /// <summary>The workbook's id from its seal (or, for a seal that failed, from its Regel-IDs) and the gemeente and
    /// aanbieder of its rows: a sealed workbook holds one of each.</summary>
    private static (string Id, string Gemeente, string Aanbieder)? Werkboek(Judgement judgement)
    {
        var id = judgement.Seal?.WerkboekId
            ?? judgement.Rows.Select(r => r[Column.RegelId].AsText().Trim()).Where(t => t.Length > 0).Select(Seal.WerkboekOf).FirstOrDefault(w => w is { Length: > 0 });
        if (id is null || !Sealer.IsId(id)) return null;
        var gemeente = judgement.Rows.FirstOrDefault(r => r.GemeenteInRegio)?.Gemeentecode;
        var aanbieder = judgement.Rows.FirstOrDefault(r => r.Aanbieder is not null)?.Agb;
        return gemeente is null || aanbieder is null ? null : (id, gemeente, aanbieder);
    }

    private async Task Safely(string wat, Func<Task> write)
    {
        try
        {
            await write();
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException or IOException)
        {
            log.LogWarning("De voortgang ({Wat}) kon niet worden vastgelegd: {Soort}.", wat, e.GetType().Name);
        }
    }
}

/// <summary>Creates and migrates the store at start, then removes records past Voortgang:BewaarDagen every six hours.</summary>
public sealed class VoortgangOnderhoud(Voortgangsopslag opslag, IOptions<VoortgangOptions> options, TimeProvider time, ILogger<VoortgangOnderhoud> log)
    : BackgroundService
{
    public override async Task StartAsync(CancellationToken ct)
    {
        await opslag.MigrateAsync(ct); // before the API takes requests: a store that cannot be made stops the start
        log.LogInformation("Voortgang: de database ({Soort}) is bijgewerkt.", opslag.Soort);
        await base.StartAsync(ct);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(6), time);
        do
        {
            try
            {
                var removed = await opslag.OpruimenAsync(time.GetUtcNow().AddDays(-options.Value.BewaarDagen), stoppingToken);
                if (removed > 0) log.LogInformation("Voortgang: {Aantal} vastleggingen ouder dan {Dagen} dagen verwijderd.", removed, options.Value.BewaarDagen);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                log.LogWarning("Voortgang: opruimen lukte niet ({Soort}); de volgende ronde probeert het opnieuw.", e.GetType().Name);
            }
        } while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
