using System.Diagnostics;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MigratieAddin.Api;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace MigratieAddin.Tests;

public sealed class TelemetrieTests
{
    private const string Bsn = "999936207";
    private const string Naam = "Zoë Telemetrietest";
    private const string Geboren = "03-05-2011";
    private static readonly string[] Forbidden = [Bsn, "99993620", Naam, "Telemetrietest", Geboren, "2011-05-03", "3-5-2011", "40666"];

    private sealed record Captured(List<Metric> Metrics, List<Activity> Activities, MigratieApi Api);

    private static (Captured, Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<Program>) Host()
    {
        var metrics = new List<Metric>();
        var activities = new List<Activity>();
        // An OTLP address where nothing listens: the pipeline is the one the API builds, plus in-memory copies for the test.
        var api = new MigratieApi(("Telemetrie:OtlpEndpoint", "http://127.0.0.1:9"));
        var host = api.WithWebHostBuilder(b => b.ConfigureTestServices(s =>
        {
            s.ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics));
            s.ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(activities));
        }));
        return (new Captured(metrics, activities, api), host);
    }

    [Fact]
    public async Task CountersCountRowsPerStatusChecksAndConversions()
    {
        var (captured, host) = Host();
        using var api = captured.Api;
        using var _ = host;
        var client = host.CreateClient();
        var body = $$$"""{"fase":"aanbieder","rijen":[{"rij":2,"waarden":{"bsn":"{{{Bsn}}}"}},{"rij":3,"waarden":{"bsn":"123"}}]}""";
        (await client.PostAsync("/api/validatie", new StringContent(body, Encoding.UTF8, "application/json"))).EnsureSuccessStatusCode();
        var workbook = Workbooks.Format([RijBuilder.Omzetting().Build()]);
        (await client.PostAsync("/api/controle", Bestand.Upload(workbook, FormatApi.XlsxType))).EnsureSuccessStatusCode();
        await client.PostAsync("/api/omzetting", Bestand.Upload(workbook, FormatApi.XlsxType));
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();

        long Sum(string name, string? key = null, string? value = null)
        {
            long total = 0;
            foreach (var metric in captured.Metrics.Where(m => m.Name == name))
                foreach (ref readonly var point in metric.GetMetricPoints())
                {
                    var matches = key is null;
                    foreach (var tag in point.Tags) matches |= tag.Key == key && Equals(tag.Value, value);
                    if (matches) total = Math.Max(total, point.GetSumLong());
                }
            return total;
        }
        // Other test hosts in this process count under the same meter name, so these are lower bounds.
        Assert.True(Sum("migratieaddin.rijen.beoordeeld", "route", "Valideer") >= 2);
        Assert.True(Sum("migratieaddin.rijen.beoordeeld", "status", "fout") >= 2);
        Assert.True(Sum("migratieaddin.controles") >= 1);
        Assert.True(Sum("migratieaddin.omzettingen") >= 1);
    }

    [Fact]
    public async Task NoMetricTagOrTraceAttributeCarriesAPersonalValue()
    {
        var (captured, host) = Host();
        using var api = captured.Api;
        using var _ = host;
        var client = host.CreateClient();
        var row = $$$"""{"rij":2,"waarden":{"gemeentecode":"0193","bsn":"{{{Bsn}}}","naam":"{{{Naam}}}","geboortedatum":"{{{Geboren}}}","productcode2022":"44301"}}""";
        HttpContent Json(string s) => new StringContent(s, Encoding.UTF8, "application/json");
        await client.PostAsync("/api/validatie", Json($$$"""{"fase":"aanbieder","rijen":[{{{row}}}]}"""));
        await client.PostAsync("/api/validatie", Json($$$"""{"fase":"{{{Naam}}}","rijen":[{{{row}}}]}"""));
        await client.PostAsync($"/api/validatie?bsn={Bsn}", Json($$$"""{"fase":"controle","verzegeling":"{{{Bsn}}}","rijen":[{{{row}}}]}"""));
        await client.PostAsync("/api/format", Json($$$"""{"rijen":[{{{row}}}]}"""));
        var workbook = Workbooks.Format([RijBuilder.Omzetting().With(Column.Bsn, Bsn).With(Column.Naam, Naam).With(Column.Geboortedatum, Geboren).Build()]);
        await client.PostAsync("/api/controle?formaat=xlsx", Bestand.Upload(workbook, FormatApi.XlsxType));
        await client.PostAsync("/api/omzetting?formaat=csv", Bestand.Upload(workbook, FormatApi.XlsxType));
        await client.PostAsync("/api/akkoord", Json($$$"""{"regelId":"{{{Bsn}}}","waarden":{"bsn":"{{{Bsn}}}","naam":"{{{Naam}}}"}}"""));
        host.Services.GetRequiredService<MeterProvider>().ForceFlush();
        host.Services.GetRequiredService<TracerProvider>().ForceFlush();

        var values = new List<string>();
        foreach (var metric in captured.Metrics.ToArray()) // snapshots: the exporters may still add from other threads
            foreach (ref readonly var point in metric.GetMetricPoints())
                foreach (var tag in point.Tags) values.Add($"{tag.Key}={tag.Value}");
        foreach (var activity in captured.Activities.ToArray())
        {
            values.Add(activity.DisplayName);
            values.AddRange(activity.TagObjects.Select(t => $"{t.Key}={t.Value}"));
            values.AddRange(activity.Events.SelectMany(e => e.Tags.Select(t => $"{t.Key}={t.Value}").Append(e.Name)));
        }
        Assert.True(captured.Activities.Count >= 7, $"only {captured.Activities.Count} traces: is tracing on?");
        Assert.Contains(values, v => v.StartsWith("http.route=", StringComparison.Ordinal));
        foreach (var forbidden in Forbidden)
            Assert.DoesNotContain(values, v => v.Contains(forbidden, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void AnOtlpEndpointThatIsNoAddressStopsTheStartWithTheSettingNamed()
    {
        using var api = new MigratieApi(("Telemetrie:OtlpEndpoint", "collector zonder schema"));
        var error = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("Telemetrie:OtlpEndpoint", error.ToString());
    }
}
