using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>The limit on concurrent uploads per instance, against the API as its own process behind Kestrel: uploads whose
/// bodies are still arriving hold their places, the next one gets a 503 with Retry-After, a freed place takes a new one.</summary>
[Collection(Zwaar.Naam)]
public class UploadLimietTests
{
    private static readonly byte[] Demo = Workbooks.Format(DemoExport.Rows());
    private static readonly byte[] Csv = File.ReadAllBytes(DemoExport.Path);

    private static readonly (string Route, Func<HttpContent> Body)[] UploadRoutes =
    [
        ("/api/controle", () => Bestand.Upload(Demo, FormatApi.XlsxType, "terug.xlsx")),
        ("/api/controle?formaat=xlsx", () => Bestand.Upload(Demo, FormatApi.XlsxType, "terug.xlsx")),
        ("/api/omzetting", () => Bestand.Upload(Demo, FormatApi.XlsxType, "terug.xlsx")),
        ("/api/format", () => Bestand.Upload(Csv, "text/csv", "export.csv")),
        ("/api/format/per-aanbieder", () => Bestand.Upload(Csv, "text/csv", "export.csv")),
        ("/api/downloads", () => Bestand.Upload(Demo, FormatApi.XlsxType, "terug.xlsx")),
    ];

    [Fact]
    public async Task TwoUploadsStillArrivingHoldBothPlacesTheThirdGetsA503WithRetryAfterAndAFreedPlaceTakesANewUpload()
    {
        await using var api = await ApiProcess.StartAsync(("Limieten__Werkboek__GelijktijdigeUploads", "2"),
            ("Limieten__Beveiliging__VerzoekenPerMinuut", "0"), ("Logging__LogLevel__Default", "Warning"));
        using var client = new HttpClient { BaseAddress = new Uri(api.Url), Timeout = TimeSpan.FromSeconds(30) };
        static Task<HeldUpload> Hold1(string url) => HeldUpload.StartAsync(url, "/api/controle", Bestand.Upload(Demo, FormatApi.XlsxType, "terug.xlsx"));
        static Task<HeldUpload> Hold2(string url) => HeldUpload.StartAsync(url, "/api/format", Bestand.Upload(Csv, "text/csv", "export.csv"));
        var held1 = await Hold1(api.Url);
        var held2 = await Hold2(api.Url);
        try
        {
            // The held uploads race the first of these for the two places; one that lost (it got the 503 itself) is started
            // again. These go one at a time, so once one of them gets the 503, the held uploads hold both places.
            HttpResponseMessage? busy = null;
            var answers = new List<int>();
            var deadline = DateTime.UtcNow.AddSeconds(20);
            while (busy is null && DateTime.UtcNow < deadline)
            {
                if (held1.Answered) { held1.Dispose(); held1 = await Hold1(api.Url); }
                if (held2.Answered) { held2.Dispose(); held2 = await Hold2(api.Url); }
                var response = await client.PostAsync("/api/omzetting", Bestand.Upload(Demo, FormatApi.XlsxType, "terug.xlsx"));
                answers.Add((int)response.StatusCode);
                if (response.StatusCode == HttpStatusCode.ServiceUnavailable) busy = response;
                else await Task.Delay(50);
            }
            Assert.True(busy is not null, $"no 503 within 20 s while two uploads were held; answers: {string.Join(' ', answers.Take(10))}");
            var detail = Detail(await busy.Content.ReadAsStringAsync());
            Assert.Equal("application/problem+json", busy.Content.Headers.ContentType?.MediaType);
            Assert.True(busy.Headers.RetryAfter is not null, $"a 503 without Retry-After: {detail}");
            Assert.Equal(TimeSpan.FromSeconds(UploadLimiet.RetryAfterSeconden), busy.Headers.RetryAfter.Delta);
            Assert.Contains("uploads tegelijk (2)", detail);

            // Every upload route counts against the same places; a request without an upload does not.
            foreach (var (route, body) in UploadRoutes)
            {
                var response = await client.PostAsync(route, body());
                Assert.True(response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{route} answered {(int)response.StatusCode} while both places were held");
                Assert.NotNull(response.Headers.RetryAfter);
            }
            var validatie = await client.PostAsync("/api/validatie", new StringContent("""{"fase":"aanbieder","rijen":[]}""", Encoding.UTF8, "application/json"));
            Assert.Equal(HttpStatusCode.OK, validatie.StatusCode);

            Assert.Equal(200, await held1.ReleaseAsync());
            // The place is given back once the server has finished sending that answer, which can be just after the
            // client has read its status line: a new upload gets it within moments.
            HttpStatusCode freed;
            var until = DateTime.UtcNow.AddSeconds(5);
            while ((freed = (await client.PostAsync("/api/controle", Bestand.Upload(Demo, FormatApi.XlsxType, "terug.xlsx"))).StatusCode)
                == HttpStatusCode.ServiceUnavailable && DateTime.UtcNow < until)
                await Task.Delay(20);
            Assert.Equal(HttpStatusCode.OK, freed);

            Assert.Equal(200, await held2.ReleaseAsync());
            Assert.True((await client.GetAsync("/health")).IsSuccessStatusCode);
        }
        finally
        {
            held1.Dispose();
            held2.Dispose();
        }
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-3")]
    public void AnInstanceWithoutPlacesForUploadsDoesNotStart(string places)
    {
        using var api = new MigratieApi(("Limieten:Werkboek:GelijktijdigeUploads", places));
        var e = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("Limieten:Werkboek:GelijktijdigeUploads", e.ToString());
    }

    private static string Detail(string body) => JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString()!;

    /// <summary>An upload over its own connection that sends its headers and the first half of its body (chunked), and the
    /// rest only when released: the request stays in flight with its endpoint reading the body.</summary>
    private sealed class HeldUpload : IDisposable
    {
        private readonly TcpClient _tcp = new();
        private readonly byte[] _body;
        private NetworkStream _stream = null!;

        private HeldUpload(MultipartFormDataContent form)
        {
            using var buffer = new MemoryStream();
            form.CopyTo(buffer, null, default);
            _body = buffer.ToArray();
            ContentType = form.Headers.ContentType!.ToString();
        }

        private string ContentType { get; }

        public static async Task<HeldUpload> StartAsync(string url, string route, MultipartFormDataContent form)
        {
            var upload = new HeldUpload(form);
            var address = new Uri(url);
            await upload._tcp.ConnectAsync(address.Host, address.Port);
            upload._stream = upload._tcp.GetStream();
            var head = $"POST {route} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: {upload.ContentType}\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
            await upload._stream.WriteAsync(Encoding.ASCII.GetBytes(head));
            await upload.WriteChunkAsync(upload._body.AsMemory(0, upload._body.Length / 2));
            return upload;
        }

        /// <summary>Sends the rest of the body and returns the status code of the answer.</summary>
        public async Task<int> ReleaseAsync()
        {
            await WriteChunkAsync(_body.AsMemory(_body.Length / 2));
            await _stream.WriteAsync("0\r\n\r\n"u8.ToArray());
            using var reader = new StreamReader(_stream, Encoding.ASCII);
            var status = await reader.ReadLineAsync() ?? "";
            return int.Parse(status.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
        }

        private async Task WriteChunkAsync(ReadOnlyMemory<byte> chunk)
        {
            await _stream.WriteAsync(Encoding.ASCII.GetBytes($"{chunk.Length:x}\r\n"));
            await _stream.WriteAsync(chunk);
            await _stream.WriteAsync("\r\n"u8.ToArray());
            await _stream.FlushAsync();
        }

        /// <summary>The API has answered already: the upload holds no place.</summary>
        public bool Answered => _tcp.Available > 0;

        public void Dispose() => _tcp.Dispose();
    }
}
