using System.Globalization;
using System.Text.Json;
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
            .Validate(o => o.Rondes is >= 0 and <= 1000, "Opwarmen:Rondes moet tussen 0 en 1000 liggen.")
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
    /// <summary>How often the validation path runs on 500 made-up rows before /health/ready says ready (about 40 runs
    /// bring the engine from tier-0 to optimised code); 0 skips warming up.</summary>
    public int Rondes { get; set; } = 60;
}

/// <summary>Runs the validation path (JSON in, rules, JSON out) on made-up rows at start, so the just-in-time compiler has
/// done its work before /health/ready lets traffic in. The rows are generated from the catalogue: no real person.</summary>
public sealed class Opwarmen(IServiceProvider services, IOptions<OpwarmOptions> options, ILogger<Opwarmen> log) : BackgroundService
{
    private volatile bool _klaar;

    public bool Klaar => _klaar;

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => Task.Run(() =>
    {
        var started = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            // Resolved here, not in the constructor: a setting that fails its check at start must report itself, not us.
            var validator = services.GetRequiredService<Validator>();
            var body = Body(services.GetRequiredService<Catalogus>(), 500);
            for (var round = 0; round < options.Value.Rondes; round++)
            {
                stoppingToken.ThrowIfCancellationRequested();
                var request = RowsRequestReader.Read(body, int.MaxValue, ct: stoppingToken);
                var report = validator.Validate(request.Rijen, request.Fase!.Value, request.Verzegeling, stoppingToken);
                JsonSerializer.SerializeToUtf8Bytes(report, ApiJsonContext.Default.Beoordeling);
            }
            log.LogInformation("Opgewarmd in {Milliseconden} ms.", started.ElapsedMilliseconds);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        catch (Exception e) when (e is RequestException or InvalidOperationException or ArgumentException)
        {
            // Warming up is an optimisation: a catalogue it cannot make rows from must not keep the API from serving.
            log.LogWarning("Opwarmen overgeslagen: {Reden}", e.GetType().Name);
        }
        _klaar = true;
    }, stoppingToken);

    /// <summary>A request body of made-up rows in the catalogue's terms, every second one with a finding.</summary>
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
