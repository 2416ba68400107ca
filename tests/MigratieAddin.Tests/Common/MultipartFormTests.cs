using System.Net.Http.Headers;
using System.Text;
using Microsoft.AspNetCore.Http;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public class MultipartFormTests
{
    private static async Task<HttpRequest> RequestWith(MultipartFormDataContent content)
    {
        var context = new DefaultHttpContext();
        var body = new MemoryStream();
        await content.CopyToAsync(body);
        body.Position = 0;
        context.Request.Body = body;
        context.Request.ContentType = content.Headers.ContentType!.ToString();
        context.Request.ContentLength = body.Length;
        return context.Request;
    }

    [Fact]
    public async Task AnUploadedFileIsHeldInOneArrayOfExactlyItsSizeBesideTheFormsFields()
    {
        var file = new byte[200_001]; // several pieces of 64 KB and a part of one
        new Random(7).NextBytes(file);
        using var content = new MultipartFormDataContent
        {
            { new ByteArrayContent(file) { Headers = { ContentType = new MediaTypeHeaderValue("application/octet-stream") } }, "bestand", "map/terug.xlsx" },
            { new StringContent("Anna Jansen <anna@voorbeeld.example>", Encoding.UTF8), "contactpersonen" },
        };
        var form = await MultipartForm.ReadAsync(await RequestWith(content), 1024 * 1024, 64, 1024 * 1024, default);

        var uploaded = Assert.IsType<MultipartForm.InMemoryFile>(form.Files.GetFile("bestand"));
        Assert.Equal(file.Length, uploaded.Bytes.Length);
        Assert.Equal(file, uploaded.Bytes);
        Assert.Equal("map/terug.xlsx", uploaded.FileName);
        Assert.Equal("application/octet-stream", uploaded.ContentType);
        Assert.Equal("Anna Jansen <anna@voorbeeld.example>", form["contactpersonen"].ToString());
    }

    [Fact]
    public async Task AFileOverTheLimitAndTooManyFieldsAreRefusedAsASPNetsFormReaderRefusesThem()
    {
        using var large = new MultipartFormDataContent { { new ByteArrayContent(new byte[100_000]), "bestand", "groot.xlsx" } };
        var tooLarge = await Assert.ThrowsAsync<InvalidDataException>(async () => await MultipartForm.ReadAsync(await RequestWith(large), 50_000, 64, 1024, default));
        Assert.Contains("limit", tooLarge.Message);

        using var many = new MultipartFormDataContent();
        for (var i = 0; i < 5; i++) many.Add(new StringContent("x"), $"veld{i}");
        var tooMany = await Assert.ThrowsAsync<InvalidDataException>(async () => await MultipartForm.ReadAsync(await RequestWith(many), 50_000, 4, 1024, default));
        Assert.Contains("count limit", tooMany.Message);
    }
}
