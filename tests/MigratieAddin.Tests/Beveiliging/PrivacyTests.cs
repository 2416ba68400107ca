using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

[Collection(Zwaar.Naam)]
public class PrivacyLogTests
{
    private const string Bsn = "999936207";
    private const string Naam = "Zoë Privacytest";
    private const string Geboren = "03-05-2011";
    private static readonly string[] Forbidden = [Bsn, "99993620", Naam, "Privacytest", Geboren, "2011-05-03", "3-5-2011"];

    private static string Csv(string extra = "") =>
        $"Gemeentecode;AGB-code aanbieder;BSN jeugdige;Naam jeugdige;Geboortedatum;Toewijzingnummer;Productcode 2022;Ingangsdatum;Einddatum;Volume;Eenheid;Frequentie\n" +
        $"0193;98000022;{Bsn};{Naam};{Geboren};230000001;44301;01-03-2022;31-12-2023;7;14;2\n{extra}";

    private static readonly string RowJson =
        $$$"""{"rij":2,"waarden":{"gemeentecode":"0193","aanbiederAgb":"98000022","bsn":"{{{Bsn}}}","naam":"{{{Naam}}}","geboortedatum":"{{{Geboren}}}","toewijzingnummer":230000001,"productcode2022":"44301","productcode2023":"44a09"}}""";

    private static MultipartFormDataContent Upload(byte[] bytes, string type)
    {
        return Bestand.Upload(bytes, type);
    }

    private static MultipartFormDataContent Several(params (byte[] Bytes, string Name)[] files)
    {
        var form = new MultipartFormDataContent();
        foreach (var (bytes, name) in files)
        {
            var file = new ByteArrayContent(bytes);
            file.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue(FormatApi.XlsxType);
            form.Add(file, "bestand", name);
        }
        return form;
    }

    [Fact]
    public async Task NoBsnNameOrBirthDateReachesAnyLogLineAtDebugLevelThroughAnyEndpoint()
    {
        var capture = new CapturingLoggerProvider();
        using var api = new MigratieApi(("Logging:LogLevel:Default", "Trace"), ("Logging:LogLevel:Microsoft", "Trace"), ("Logging:LogLevel:Microsoft.AspNetCore", "Trace"))
            .WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(capture).SetMinimumLevel(LogLevel.Trace)));
        var client = api.CreateClient();
        var workbook = Workbooks.Format([RijBuilder.Omzetting().With(Column.Bsn, Bsn).With(Column.Naam, Naam).With(Column.Geboortedatum, Geboren).Build()]);
        var json = (string s) => new StringContent(s, Encoding.UTF8, "application/json");
        HttpContent[] validatie = [json($$$"""{"fase":"aanbieder","rijen":[{{{RowJson}}}]}"""), json($$$"""{"fase":"controle","verzegeling":"{{{Bsn}}}","rijen":[{{{RowJson}}}]}"""),
            json($$$"""{"fase":"aanbieder","rijen":[{{{RowJson}}}"""), json($$$"""{"fase":"{{{Naam}}}","rijen":[{{{RowJson}}}]}"""),
            json("{\"fase\":\"aanbieder\",\"rijen\":[{\"rij\":\"" + Bsn + "\",\"waarden\":{\"bsn\":{\"x\":\"" + Naam + "\"}}}]}")];
        foreach (var body in validatie) await client.PostAsync("/api/validatie", body);
        await client.PostAsync("/api/format", json($$$"""{"rijen":[{{{RowJson}}}],"contactpersonen":[{"voornaam":"{{{Naam}}}"}]}"""));
        await client.PostAsync("/api/format", Upload(Encoding.UTF8.GetBytes(Csv()), "text/csv"));
        await client.PostAsync("/api/format", Upload(Encoding.UTF8.GetBytes($"{Bsn};{Naam};{Geboren}\n"), "text/csv"));
        await client.PostAsync("/api/format", Upload(Encoding.Latin1.GetBytes(Csv()), "text/csv"));
        await client.PostAsync("/api/format/per-aanbieder", Upload(Encoding.UTF8.GetBytes(Csv("0193;98000099;" + Bsn + ";" + Naam + ";" + Geboren + ";2;99999;x;y;z;1;1\n")), "text/csv"));
        await client.PostAsync("/api/controle", Upload(workbook, FormatApi.XlsxType));
        await client.PostAsync("/api/controle?formaat=xlsx", Upload(workbook, FormatApi.XlsxType));
        await client.PostAsync("/api/controle", Upload(workbook[..(workbook.Length / 2)], FormatApi.XlsxType));
        await client.PostAsync("/api/controle", Upload(Encoding.UTF8.GetBytes(Csv()), FormatApi.XlsxType));
        await client.PostAsync("/api/omzetting?formaat=csv", Upload(workbook, FormatApi.XlsxType));
        // A batch, with a file name that holds personal data (people name files after a jeugdige): it comes back to the caller, never into a log.
        await client.PostAsync("/api/controle/batch", Several((workbook, $"{Naam} {Bsn}.xlsx"), (workbook[..(workbook.Length / 2)], "kapot.xlsx")));
        await client.PostAsync("/api/omzetting/batch?formaat=csv", Several((workbook, $"{Naam} {Bsn}.xlsx"), (Encoding.UTF8.GetBytes(Csv()), "csv.xlsx")));
        await client.PostAsync("/api/akkoord", json($$$"""{"regelId":"{{{Bsn}}}","waarden":{"bsn":"{{{Bsn}}}","naam":"{{{Naam}}}","geboortedatum":"{{{Geboren}}}"}}"""));
        await client.PostAsync("/api/akkoord", json($$$"""{"regelId":"{{{Bsn}}}","waarden":[{{{RowJson}}}"""));
        await client.GetAsync($"/api/catalogus?bsn=x");

        var lines = capture.Lines.ToList();
        Assert.True(lines.Count > 50, $"only {lines.Count} log lines: is Debug logging on?");
        foreach (var forbidden in Forbidden)
            Assert.DoesNotContain(lines, l => l.Contains(forbidden, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task UploadsWellAbove64KbLeaveNoFileInTheTempFolder()
    {
        var temp = Path.GetTempPath();
        string[] AspNetFiles() => Directory.GetFiles(temp, "ASPNETCORE_*");
        var before = AspNetFiles().ToHashSet();
        using var api = new MigratieApi();
        var client = api.CreateClient();
        var big = new StringBuilder(Csv());
        for (var i = 0; i < 4000; i++) big.Append($"0193;98000022;{TestBsn.Make(i)};Naam {i};01-01-2012;{300000000 + i};44301;01-03-2022;31-12-2023;7;14;2\n");
        var csv = Encoding.UTF8.GetBytes(big.ToString());
        Assert.True(csv.Length > 256 * 1024);
        var xlsx = Workbooks.Format(DemoExport.Rows().Concat(Enumerable.Range(0, 3000).Select(i => RijBuilder.Omzetting().With(Column.Toewijzingnummer, 400000000 + i).Build())));
        Assert.True(xlsx.Length > 64 * 1024);
        (await client.PostAsync("/api/format", Upload(csv, "text/csv"))).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/format/per-aanbieder", Upload(csv, "text/csv"))).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/controle", Upload(xlsx, FormatApi.XlsxType))).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/omzetting", Upload(xlsx, FormatApi.XlsxType))).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/controle/batch", Several((xlsx, "a.xlsx"), (xlsx, "b.xlsx")))).EnsureSuccessStatusCode();
        (await client.PostAsync("/api/omzetting/batch", Several((xlsx, "a.xlsx"), (xlsx, "b.xlsx")))).EnsureSuccessStatusCode();
        Assert.DoesNotContain(AspNetFiles(), f => !before.Contains(f));
    }

    [Fact]
    public async Task NothingOfAnUploadTouchesTheTempFolderNotEvenWhileTheWorkbookIsOpen()
    {
        // The API as its own process with a temp folder of its own, watched while it works: the Open XML SDK deletes its
        // copy when the document closes, so only a watcher sees it (and a crash would leave it behind).
        var temp = Directory.CreateTempSubdirectory("api-temp-");
        try
        {
            await using var api = await ApiProcess.StartAsync(("TMPDIR", temp.FullName), ("DOTNET_EnableDiagnostics", "0"), ("Limieten__Beveiliging__VerzoekenPerMinuut", "0"));
            using var client = new HttpClient { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromSeconds(60) };
            var created = new System.Collections.Concurrent.ConcurrentQueue<string>();
            using var watcher = new FileSystemWatcher(temp.FullName) { IncludeSubdirectories = true, EnableRaisingEvents = true };
            watcher.Created += (_, e) => created.Enqueue(e.Name ?? "?");
            var xlsx = Workbooks.Format(DemoExport.Rows().Concat(Enumerable.Range(0, 3000).Select(i => RijBuilder.Omzetting().With(Column.Toewijzingnummer, 400000000 + i).Build())));
            var csv = Encoding.UTF8.GetBytes(Csv() + string.Concat(Enumerable.Range(0, 3000).Select(i => $"0193;98000022;{TestBsn.Make(i)};Naam {i};01-01-2012;{300000000 + i};44301;01-03-2022;31-12-2023;7;14;2\n")));
            foreach (var route in new[] { "/api/controle", "/api/controle?formaat=xlsx", "/api/omzetting", "/api/omzetting?formaat=csv" })
                Assert.True((await client.PostAsync(route, Upload(xlsx, FormatApi.XlsxType))).StatusCode is System.Net.HttpStatusCode.OK or System.Net.HttpStatusCode.UnprocessableEntity, route);
            foreach (var route in new[] { "/api/controle/batch", "/api/omzetting/batch", "/api/omzetting/batch?formaat=csv" })
                Assert.Equal(System.Net.HttpStatusCode.OK, (await client.PostAsync(route, Several((xlsx, "a.xlsx"), (Packages.DeepCell(xlsx, 100_000), "diep.xlsx")))).StatusCode);
            (await client.PostAsync("/api/format", Upload(csv, "text/csv"))).EnsureSuccessStatusCode();
            (await client.PostAsync("/api/format/per-aanbieder", Upload(csv, "text/csv"))).EnsureSuccessStatusCode();
            var deep = await client.PostAsync("/api/controle", Upload(Packages.DeepCell(xlsx, 100_000), FormatApi.XlsxType));
            Assert.Equal(System.Net.HttpStatusCode.BadRequest, deep.StatusCode);
            await Task.Delay(500);
            Assert.Empty(created);
            Assert.Empty(temp.GetFileSystemInfos());
        }
        finally
        {
            temp.Delete(recursive: true);
        }
    }

    [Fact]
    public async Task AnswersWithRowsAreNeverCachedAndTheApiKeepsNoCache()
    {
        using var api = new MigratieApi();
        var response = await api.CreateClient().PostAsync("/api/validatie", new StringContent($$$"""{"fase":"aanbieder","rijen":[{{{RowJson}}}]}""", Encoding.UTF8, "application/json"));
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.Null(api.Services.GetService<IMemoryCache>());
        Assert.Null(api.Services.GetService<Microsoft.Extensions.Caching.Distributed.IDistributedCache>());
    }
}

/// <summary>Tests that measure the process (memory, temp folder, logs) run alone, not beside the rest.</summary>
[CollectionDefinition(Naam, DisableParallelization = true)]
public sealed class Zwaar
{
    public const string Naam = "Zwaar";
}
