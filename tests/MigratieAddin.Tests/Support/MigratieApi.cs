using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace MigratieAddin.Tests;

/// <summary>The API in memory, with optional settings; each test makes its own.</summary>
public sealed class MigratieApi(params (string Key, string Value)[] settings) : WebApplicationFactory<Program>
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Opwarmen:Rondes", "1"); // one round keeps the path exercised without slowing every test host
        foreach (var (key, value) in settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new LoopbackClient()));
    }

    /// <summary>TestServer's in-memory client has no remote address; on this computer Kestrel would see loopback.</summary>
    private sealed class LoopbackClient : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(inner => context => { context.Connection.RemoteIpAddress ??= IPAddress.Loopback; return inner(context); });
            next(app);
        };
    }
}

/// <summary>A copy of the embedded catalogue in a temporary folder, to break on purpose.</summary>
public sealed class CatalogusFolder : IDisposable
{
    public CatalogusFolder()
    {
        Path = Directory.CreateTempSubdirectory("catalogus-test-").FullName;
        foreach (var file in Directory.GetFiles(System.IO.Path.Combine(AppContext.BaseDirectory, "catalogus")))
            File.Copy(file, System.IO.Path.Combine(Path, System.IO.Path.GetFileName(file)));
    }

    public string Path { get; }

    public void Replace(string file, string oldText, string newText)
    {
        var path = System.IO.Path.Combine(Path, file);
        var text = File.ReadAllText(path);
        Assert.Contains(oldText, text);
        File.WriteAllText(path, text.Replace(oldText, newText));
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
