using System.Net;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public class HeaderAndLimitTests
{
    [Theory]
    [InlineData("/taskpane.html")]
    [InlineData("/api/catalogus")]
    [InlineData("/health")]
    public async Task PaneAndApiAnswersCarryTheSecurityHeaders(string url)
    {
        using var api = new MigratieApi();
        var response = await api.CreateClient().GetAsync(url);
        var csp = string.Join(";", response.Headers.GetValues("Content-Security-Policy"));
        Assert.Contains("script-src 'self' https://appsforoffice.microsoft.com", csp);
        Assert.Contains("connect-src 'self' https://login.microsoftonline.com", csp);
        Assert.Contains("frame-ancestors 'self' https://*.officeapps.live.com", csp);
        Assert.DoesNotContain("unsafe-eval", csp);
        Assert.DoesNotContain("script-src 'self' 'unsafe-inline'", csp);
        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
    }

    [Fact]
    public async Task TheRedirectBridgePageIsNeverCachedNeverIsolatedByCoopAndMayBeFramedByThePane()
    {
        using var api = new MigratieApi();
        var response = await api.CreateClient().GetAsync(Beveiliging.BrugPagina);
        Assert.Contains("no-store", response.Headers.CacheControl?.ToString());
        Assert.False(response.Headers.Contains("Cross-Origin-Opener-Policy"));
        Assert.Contains("frame-src 'self' https://login.microsoftonline.com", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task SwaggerUiHasItsOwnPolicyInDevelopment()
    {
        using var api = new MigratieApi();
        var response = await api.CreateClient().GetAsync("/swagger/index.html");
        Assert.Contains("script-src 'self' 'unsafe-inline'", string.Join(";", response.Headers.GetValues("Content-Security-Policy")));
    }

    [Fact]
    public async Task TooManyRequestsFromOneCallerGetADutch429AndOtherCallersGoOn()
    {
        using var api = new MigratieApi(("Limieten:Beveiliging:VerzoekenPerMinuut", "12")).WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new CallerFromHeader())));
        var one = api.CreateClient();
        one.DefaultRequestHeaders.Add("X-Test-Caller", "127.0.0.3");
        var other = api.CreateClient();
        other.DefaultRequestHeaders.Add("X-Test-Caller", "127.0.0.2");
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/api/catalogus")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/api/catalogus")).StatusCode);
        var refused = await one.GetAsync("/api/catalogus");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Equal("application/problem+json", refused.Content.Headers.ContentType?.MediaType);
        Assert.Contains("te veel verzoeken", JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
        Assert.True(refused.Headers.RetryAfter is not null);
        Assert.Equal(HttpStatusCode.OK, (await other.GetAsync("/api/catalogus")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await one.GetAsync("/health")).StatusCode);
    }

    [Fact]
    public async Task ARequestThatTakesTooLongGetsADutchTimeoutProblem()
    {
        // The body reaches the API halfway and then nothing more comes, as from a client that stalls: the handler waits for
        // the rest with the request's token, so the timeout is the one thing that can end this request, and it always does.
        // (With a whole body and a timeout of 1 ms, the timer raced the work: on a busy machine its callback could run
        // only after the answer had started or was complete, and the test saw 200 or a broken answer now and then.)
        using var api = new MigratieApi(("Limieten:Beveiliging:TimeoutSeconden", "0.2")).WithWebHostBuilder(b =>
            b.ConfigureTestServices(s => s.AddSingleton<IStartupFilter>(new StallingBody())));
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var response = await api.CreateClient().PostAsync("/api/validatie", new StringContent("{}", Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("duurde te lang", await response.Content.ReadAsStringAsync());
        Assert.True(watch.Elapsed >= TimeSpan.FromSeconds(0.2), $"answered after {watch.Elapsed.TotalMilliseconds:0} ms, before the timeout");
    }

    /// <summary>Gives every request a body that delivers the beginning of a validation request and then waits, until the
    /// token of the read that waits is cancelled.</summary>
    private sealed class StallingBody : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(inner => context =>
            {
                context.Request.Body = new StalledStream(Encoding.UTF8.GetBytes("""{"fase":"aanbieder","rijen":[{"rij":2,"waarden":{"bsn":"999925702"}}"""));
                return inner(context);
            });
            next(app);
        };
    }

    private sealed class StalledStream(byte[] beginning) : Stream
    {
        private int _sent;

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
        {
            if (_sent < beginning.Length)
            {
                var n = Math.Min(buffer.Length, beginning.Length - _sent);
                beginning.AsMemory(_sent, n).CopyTo(buffer);
                _sent += n;
                return n;
            }
            await Task.Delay(Timeout.Infinite, cancellationToken);
            return 0;
        }

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }

    /// <summary>Makes requests come from the address in X-Test-Caller, as if from different computers.</summary>
    private sealed class CallerFromHeader : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use(inner => context =>
            {
                if (context.Request.Headers.TryGetValue("X-Test-Caller", out var caller)) context.Connection.RemoteIpAddress = IPAddress.Parse(caller!);
                return inner(context);
            });
            next(app);
        };
    }
}
