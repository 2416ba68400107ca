using System.Diagnostics.Metrics;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace MigratieAddin.Api;

public sealed class TelemetrieOptions
{
    /// <summary>The OTLP collector (for example http://otel-collector:4317); empty means no metrics or traces leave the API.</summary>
    public string? OtlpEndpoint { get; set; }
}

/// <summary>Metrics and traces with OpenTelemetry, off unless an OTLP endpoint is set. Our own counters carry only
/// route names, statuses and outcomes: never a value from a row.</summary>
public static class Telemetrie
{
    public const string MeterName = "MigratieAddin";

    public static IServiceCollection AddTelemetrie(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TelemetrieOptions>().BindConfiguration("Telemetrie")
            .Validate(o => string.IsNullOrWhiteSpace(o.OtlpEndpoint) || Uri.TryCreate(o.OtlpEndpoint, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https",
                "Instelling Telemetrie:OtlpEndpoint moet een http- of https-adres zijn, bijvoorbeeld http://otel-collector:4317 (leeg laten zet telemetrie uit).")
            .ValidateOnStart();
        services.AddSingleton<Tellers>();
        var endpoint = configuration["Telemetrie:OtlpEndpoint"];
        if (string.IsNullOrWhiteSpace(endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var otlp)) return services;
        services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("MigratieAddin"))
            .WithMetrics(m => m.AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddMeter(MeterName))
            .WithTracing(t => t.AddAspNetCoreInstrumentation(o => o.RecordException = false).AddHttpClientInstrumentation())
            .UseOtlpExporter(OpenTelemetry.Exporter.OtlpExportProtocol.Grpc, otlp);
        return services;
    }

    /// <summary>Counts what an /api endpoint answered; added once to every /api group.</summary>
    public static async ValueTask<object?> Count(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var result = await next(context);
        context.HttpContext.RequestServices.GetService<Tellers>()?.Record(context.HttpContext, result);
        return result;
    }
}

/// <summary>The API's own counters: rows judged per status, checks, conversions and seal failures.</summary>
public sealed class Tellers
{
    private readonly Counter<long> _rijen;
    private readonly Counter<long> _controles;
    private readonly Counter<long> _omzettingen;
    private readonly Counter<long> _verzegelingOngeldig;

    public Tellers(IMeterFactory meters)
    {
        var meter = meters.Create(Telemetrie.MeterName);
        _rijen = meter.CreateCounter<long>("migratieaddin.rijen.beoordeeld", "{rij}", "Beoordeelde rijen, per adres en status");
        _controles = meter.CreateCounter<long>("migratieaddin.controles", "{werkboek}", "Gecontroleerde teruggestuurde werkboeken");
        _omzettingen = meter.CreateCounter<long>("migratieaddin.omzettingen", "{werkboek}", "Omzetlijsten, per uitkomst");
        _verzegelingOngeldig = meter.CreateCounter<long>("migratieaddin.verzegeling.ongeldig", "{werkboek}", "Werkboeken waarvan de verzegeling niet klopt");
    }

    public void Record(HttpContext context, object? result)
    {
        var route = context.GetEndpoint()?.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName ?? "onbekend";
        var inner = result is Microsoft.AspNetCore.Http.INestedHttpResult nested ? nested.Result : result as IResult;
        var status = (inner as Microsoft.AspNetCore.Http.IStatusCodeHttpResult)?.StatusCode ?? context.Response.StatusCode;
        if (inner is Microsoft.AspNetCore.Http.IValueHttpResult { Value: Beoordeling report })
        {
            var t = report.Telling;
            Add(route, "ok", t.Ok);
            Add(route, "onvolledig", t.Onvolledig);
            Add(route, "overleg", t.Overleg);
            Add(route, "fout", t.Fout);
            if (report.Meldingen.Any(m => m.Code == "VERZEGELING_ONGELDIG")) _verzegelingOngeldig.Add(1, new KeyValuePair<string, object?>("route", route));
        }
        if (route == "Controleer" && status == StatusCodes.Status200OK) _controles.Add(1);
        if (route == "Omzetting")
        {
            _omzettingen.Add(1, new KeyValuePair<string, object?>("uitkomst", status == StatusCodes.Status200OK ? "omgezet" : status == StatusCodes.Status422UnprocessableEntity ? "geweigerd" : "ongeldig verzoek"));
            if (status == StatusCodes.Status422UnprocessableEntity) _verzegelingOngeldig.Add(1, new KeyValuePair<string, object?>("route", route));
        }
    }

    private void Add(string route, string status, int count)
    {
        if (count > 0) _rijen.Add(count, new KeyValuePair<string, object?>("route", route), new KeyValuePair<string, object?>("status", status));
    }
}
