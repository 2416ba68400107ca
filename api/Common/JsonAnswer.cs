using System.Buffers;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using Microsoft.AspNetCore.Http.Metadata;

namespace MigratieAddin.Api;

/// <summary>A 200 with a large JSON answer (a report of 10,000 rows is close to 1 MB), written in one go through the
/// source-generated serialiser's fast path into the response's buffer and then sent. TypedResults.Ok takes the
/// resumable, streaming path instead, which took twice as long for the same bytes (docs/PERFORMANCE.md, issue 14).
/// <paramref name="writeInParts"/>, if given, may write the same bytes faster (for example on several cores) and says
/// whether it did.</summary>
public sealed class JsonAnswer<T>(T value, JsonTypeInfo<T> typeInfo, Func<IBufferWriter<byte>, T, bool>? writeInParts = null)
    : IResult, IValueHttpResult, IValueHttpResult<T>, IStatusCodeHttpResult, IContentTypeHttpResult, IEndpointMetadataProvider
{
    public T Value { get; } = value;
    object? IValueHttpResult.Value => Value;
    public int? StatusCode => StatusCodes.Status200OK;
    public string ContentType => "application/json; charset=utf-8";

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        var response = httpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = ContentType;
        if (writeInParts?.Invoke(response.BodyWriter, Value) != true)
        {
            await using var writer = new Utf8JsonWriter(response.BodyWriter);
            JsonSerializer.Serialize(writer, Value, typeInfo);
        }
        await response.BodyWriter.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder) =>
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(T), ["application/json"]));
}
