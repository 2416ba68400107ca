using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace MigratieAddin.Tests;

/// <summary>The API started as its own process on a free loopback port (local mode), for tests that measure the process.</summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly Process _process;
    private string? _lastError;

    private ApiProcess(Process process, string url)
    {
        _process = process;
        Url = url;
    }

    public string Url { get; }
    public string? LastError => _lastError;

    public static async Task<ApiProcess> StartAsync(params (string Name, string Value)[] environment)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet") { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false, WorkingDirectory = AppContext.BaseDirectory };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "MigratieAddin.Api.dll"));
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add(url);
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        // One round of the warm-up, as the in-memory test hosts: the full one keeps both cores busy for seconds after the
        // start, while the test's own requests (and under CI, other test processes) are already running.
        start.Environment["Opwarmen__Rondes"] = "1";
        foreach (var (name, value) in environment) start.Environment[name] = value;
        var process = Process.Start(start)!;
        var api = new ApiProcess(process, url);
        process.ErrorDataReceived += (_, e) => { if (e.Data is { Length: > 0 }) api._lastError = e.Data; };
        process.OutputDataReceived += (_, e) => { if (e.Data?.Contains("fail:") == true) api._lastError = e.Data; };
        process.BeginErrorReadLine();
        process.BeginOutputReadLine();
        using var http = new HttpClient();
        for (var i = 0; i < 200; i++)
        {
            try
            {
                if ((await http.GetAsync(url + "/health")).IsSuccessStatusCode) return api;
            }
            catch (HttpRequestException) { }
            await Task.Delay(100);
        }
        await api.DisposeAsync();
        throw new InvalidOperationException("The API did not start within 20 s.");
    }

    /// <summary>The process's peak resident set (VmHWM on Linux), else its current peak working set.</summary>
    public long PeakWorkingSetBytes()
    {
        if (Status("VmHWM:") is { } peak) return peak;
        _process.Refresh();
        return _process.PeakWorkingSet64;
    }

    /// <summary>The process's resident set now (VmRSS on Linux), else its working set.</summary>
    public long ResidentBytes()
    {
        if (Status("VmRSS:") is { } resident) return resident;
        _process.Refresh();
        return _process.WorkingSet64;
    }

    private long? Status(string field)
    {
        var status = $"/proc/{_process.Id}/status";
        if (File.Exists(status))
            foreach (var line in File.ReadLines(status))
                if (line.StartsWith(field, StringComparison.Ordinal))
                    return long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1]) * 1024;
        return null;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
    }
}
