using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

/// <summary>Health for the orchestrator: /health/live (the process answers) and /health/ready (catalogue loaded and the
/// engine warmed up, so the first real request after a start is not a cold one).</summary>
public static class Gezondheid
{
    private const string Ready = "ready";

    public static IServiceCollection AddGezondheid(this IServiceCollection services)
    {
        services.AddOptions<OpwarmOptions>().BindConfiguration("Opwarmen")
            .Tussen("Opwarmen:Rondes", o => o.Rondes, 0, 1000)
            .ValidateOnStart();
        services.AddSingleton<Opwarmen>();
        services.AddHostedService(sp => sp.GetRequiredService<Opwarmen>());
        services.AddHealthChecks()
            .AddCheck<CatalogusCheck>("catalogus", tags: [Ready])
            .AddCheck<OpwarmenCheck>("opwarmen", tags: [Ready]);
        return services;
    }

    public static WebApplication MapGezondheid(this WebApplication app)
    {
        var live = new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = _ => false };
        app.MapHealthChecks("/health", live).AllowAnonymous();
        app.MapHealthChecks("/health/live", live).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new Microsoft.AspNetCore.Diagnostics.HealthChecks.HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) })
            .AllowAnonymous();
        return app;
    }

    private sealed class CatalogusCheck(Catalogus catalogus) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(catalogus.Gemeenten.Count > 0 && catalogus.Aanbieders.Count > 0
                ? HealthCheckResult.Healthy()
                : HealthCheckResult.Unhealthy("De catalogus heeft geen gemeenten of geen gegunde aanbieders."));
    }

    private sealed class OpwarmenCheck(Opwarmen opwarmen) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken ct = default) =>
            Task.FromResult(opwarmen.Klaar ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy("De API warmt nog op."));
    }
}

public sealed class OpwarmOptions
{
    /// <summary>How often the validation path runs on made-up rows (three parts of a large request, so the path that
    /// judges parts on several cores is warm too) before /health/ready says ready. Hot code reaches its final optimised
    /// form after about 60 calls (30 to be instrumented by dynamic PGO, 30 more); 0 skips warming up.</summary>
    public int Rondes { get; set; } = 100;
}

/// <summary>Runs the validation path (the endpoint's handler: body in, rules, JSON out) on made-up rows at start and fetches
/// the sign-in metadata, so neither the just-in-time compiler nor a download is left for the first request once
/// /health/ready lets traffic in. The rows are generated from the catalogue: no real person.</summary>
public sealed class Opwarmen(IServiceProvider services, IOptions<OpwarmOptions> options, IHostApplicationLifetime lifetime, ILogger<Opwarmen> log)
    : BackgroundService
{
    private volatile bool _klaar;

    public bool Klaar => _klaar;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Only once the host has started: a start that fails (a setting out of range) must report that setting, not a
        // warm-up racing the host's disposal. /health/live answers while this runs.
        if (!await HostStarted(stoppingToken)) return;
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // Resolved here, not in the constructor: a setting that fails its check at start must report itself, not us.
            var body = Body(services.GetRequiredService<Catalogus>(), 3 * Validator.RowsPerPart);
            for (var round = 0; round < options.Value.Rondes; round++)
            {
                stoppingToken.ThrowIfCancellationRequested();
                await ValidateAsIfRequested(body, stoppingToken);
            }
            if (options.Value.Rondes > 0)
            {
                await FetchSignInMetadata(stoppingToken);
                await CompilerSettled(stoppingToken);
            }
            log.LogInformation("Opgewarmd in {Milliseconden} ms.", started.ElapsedMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        catch (Exception e) when (e is RequestException or InvalidOperationException or ArgumentException)
        {
            // Warming up is an optimisation: a catalogue it cannot make rows from must not keep the API from serving.
            log.LogWarning("Opwarmen overgeslagen: {Reden}", e.GetType().Name);
        }
        _klaar = true;
    }

    private async Task<bool> HostStarted(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        using var onStarted = lifetime.ApplicationStarted.Register(() => started.TrySetResult(true));
        using var onStopping = stoppingToken.Register(() => started.TrySetResult(false));
        return await started.Task;
    }

    /// <summary>The endpoint's own handler and result, on a request made in memory: reading the body, the rules, and writing
    /// the answer the way POST /api/validatie writes it, so none of it is cold at the first call.
    /// It bypasses the endpoint filters, so the counters never count made-up rows.</summary>
    private async Task ValidateAsIfRequested(byte[] body, CancellationToken ct)
    {
        await using var scope = services.CreateAsyncScope();
        var context = new DefaultHttpContext { RequestServices = scope.ServiceProvider };
        context.Request.Method = HttpMethods.Post;
        context.Request.ContentType = "application/json";
        context.Request.ContentLength = body.Length;
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Response.Body = Stream.Null;
        var result = await ValidatieApi.Valideer(context.Request, scope.ServiceProvider.GetRequiredService<Validator>(),
            scope.ServiceProvider.GetRequiredService<IOptions<ValidatieOptions>>(), scope.ServiceProvider.GetRequiredService<AanmeldConfig>(), ct);
        await result.Result.ExecuteAsync(context);
    }

    /// <summary>Waits, at most two seconds, until the just-in-time compiler has gone quiet. When the rounds end it is still
    /// turning their hot methods into optimised code in the background; on an instance of one or two cores that work
    /// would otherwise compete with the first requests.</summary>
    private static async Task CompilerSettled(CancellationToken ct)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        var compiled = System.Runtime.JitInfo.GetCompiledMethodCount();
        while (waited.Elapsed < TimeSpan.FromSeconds(2))
        {
            await Task.Delay(50, ct);
            var now = System.Runtime.JitInfo.GetCompiledMethodCount();
            if (now == compiled) return;
            compiled = now;
        }
    }

    /// <summary>With sign-in on, downloads the identity provider's metadata and signing keys now, not during the first
    /// request. A provider that does not answer leaves that to the first request (which then gets the Dutch 503).</summary>
    private async Task FetchSignInMetadata(CancellationToken ct)
    {
        if (!services.GetRequiredService<AanmeldConfig>().Aanmelding) return;
        var bearer = services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get(JwtBearerDefaults.AuthenticationScheme);
        if (bearer.ConfigurationManager is not { } manager) return;
        try
        {
            await manager.GetConfigurationAsync(ct).WaitAsync(Aanmeldservice.MetadataTimeout, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning("De metadata van de aanmeldservice konden bij het opwarmen niet worden opgehaald: {Reden}", e.GetType().Name);
        }
    }

    /// <summary>A request body of made-up rows in the catalogue's terms, every second one with a melding.</summary>
    private static byte[] Body(Catalogus catalogus, int count)
    {
        var gemeente = catalogus.Gemeenten[0].Cbscode;
        var aanbieder = catalogus.Aanbieders[0];
        var product = catalogus.Producten2022.FirstOrDefault(p => !p.IsGgzVerblijf)?.Productcode ?? "";
        var target = catalogus.OmzettingenFrom(product).FirstOrDefault()?.Productcode2023 ?? "";
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("fase", "aanbieder");
            json.WriteStartArray("rijen");
            for (var i = 0; i < count; i++)
            {
                json.WriteStartObject();
                json.WriteNumber("rij", i + 2);
                json.WriteStartObject("waarden");
                json.WriteString("gemeentecode", gemeente);
                json.WriteString("aanbiederAgb", aanbieder.Agb);
                json.WriteString("aanbiederNaam", aanbieder.Naam);
                json.WriteNumber("bsn", i % 2 == 0 ? 111222333 : 123456789);
                json.WriteString("naam", "Opwarmen");
                json.WriteNumber("geboortedatum", 40000 + i);
                json.WriteNumber("toewijzingnummer", i + 1);
                json.WriteString("productcode2022", product);
                json.WriteString("ingangsdatum", catalogus.Regio.Peildatum.AddMonths(-9).ToString("d-M-yyyy", CultureInfo.InvariantCulture));
                json.WriteNumber("einddatum", 47000);
                json.WriteNumber("volume", 5);
                json.WriteString("eenheid", "14");
                json.WriteNumber("frequentie", 2);
                if (i % 3 != 0) json.WriteString("productcode2023", target);
                if (i % 4 == 0) json.WriteString("volume2023", "6");
                json.WriteEndObject();
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteEndObject();
        }
        return buffer.ToArray();
    }
}
