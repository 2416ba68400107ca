using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public class RequestBodyTests
{
    private static DefaultHttpContext Request(byte[] body, long? announced)
    {
        var context = new DefaultHttpContext();
        context.Request.Body = new MemoryStream(body, writable: false);
        context.Request.ContentLength = announced;
        return context;
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task ABodyIsReadWholeWithOrWithoutAnAnnouncedLength(bool announced)
    {
        var bytes = new byte[300_000];
        new Random(7).NextBytes(bytes);
        using var body = await RequestBody.ReadAsync(Request(bytes, announced ? bytes.Length : null).Request, 1_000_000, default);
        Assert.Equal(bytes.Length, body.Length);
        Assert.True(body.Span.SequenceEqual(bytes));
    }

    [Fact]
    public async Task ABodyLongerThanTheLimitIsRefusedAsTooLarge()
    {
        var bytes = new byte[200_001];
        var e = await Assert.ThrowsAsync<RequestException>(() => RequestBody.ReadAsync(Request(bytes, null).Request, 200_000, default));
        Assert.Equal(StatusCodes.Status413PayloadTooLarge, e.Status);
    }

    [Fact]
    public async Task AReadBodyLeavesNothingOfTheRequestInTheBufferItReturns()
    {
        // Three megabytes of one random pattern: once the buffer is back in the shared pool another test may rent it and
        // write its own bytes, but never this pattern.
        var pattern = System.Security.Cryptography.RandomNumberGenerator.GetBytes(16);
        var bytes = new byte[3_000_000];
        for (var i = 0; i < bytes.Length; i += pattern.Length) pattern.AsSpan(0, Math.Min(pattern.Length, bytes.Length - i)).CopyTo(bytes.AsSpan(i));
        var body = await RequestBody.ReadAsync(Request(bytes, bytes.Length).Request, 4_000_000, default);
        var buffer = body.RentedBuffer!;
        Assert.True(buffer.AsSpan().IndexOf(pattern) >= 0);
        body.Dispose();
        Assert.True(buffer.AsSpan().IndexOf(pattern) < 0);
        Assert.Throws<ObjectDisposedException>(() => body.Span.Length);
    }

    private static byte[] Gzip(byte[] raw)
    {
        using var packed = new MemoryStream();
        using (var gzip = new GZipStream(packed, CompressionLevel.Fastest, leaveOpen: true)) gzip.Write(raw);
        return packed.ToArray();
    }

    private static JsonObject Row(int i) => new()
    {
        ["rij"] = i + 2,
        ["waarden"] = new JsonObject { ["gemeentecode"] = "0193", ["naam"] = "Sanne Hendriks", ["toewijzingnummer"] = 230000001 + i },
    };

    private static ByteArrayContent GzipJson(int rows)
    {
        var raw = Encoding.UTF8.GetBytes(new JsonObject { ["fase"] = "gemeente", ["rijen"] = new JsonArray([.. Enumerable.Range(0, rows).Select(i => (JsonNode)Row(i))]) }.ToJsonString());
        var content = new ByteArrayContent(Gzip(raw));
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        content.Headers.ContentEncoding.Add("gzip");
        return content;
    }

    [Fact]
    public async Task ACompressedBodyManyTimesItsSentSizeIsReadWhole()
    {
        using var api = new MigratieApi();
        var response = await api.CreateClient().PostAsync("/api/validatie", GzipJson(5000));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal(5000, json.GetProperty("rijen").GetArrayLength());
        Assert.Equal(5001, json.GetProperty("rijen")[5000 - 1].GetProperty("rij").GetInt32());
    }

    [Fact]
    public async Task ACompressedBodyThatUnpacksPastTheLimitIsA413Problem()
    {
        using var api = new MigratieApi(("Limieten:Validatie:MaxBytes", "1048576"));
        var response = await api.CreateClient().PostAsync("/api/validatie", GzipJson(20_000));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("groter dan 1 MB", JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task TheReportComesBackCompressedWhenTheClientAsksForIt()
    {
        using var api = new MigratieApi();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/validatie") { Content = GzipJson(300) };
        request.Headers.AcceptEncoding.Add(new StringWithQualityHeaderValue("gzip"));
        var response = await api.CreateClient().SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("gzip", Assert.Single(response.Content.Headers.ContentEncoding));
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        await using var unpacked = new GZipStream(await response.Content.ReadAsStreamAsync(), CompressionMode.Decompress);
        var json = (await JsonDocument.ParseAsync(unpacked)).RootElement;
        Assert.Equal(300, json.GetProperty("rijen").GetArrayLength());
        Assert.Equal(300, json.GetProperty("telling").EnumerateObject().Sum(p => p.Value.GetInt32()));
    }
}
