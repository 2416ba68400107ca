using Microsoft.AspNetCore.ResponseCompression;

namespace MigratieAddin.Api;

/// <summary>What every endpoint shares: Dutch problem+json for errors, JSON settings, compression and the API description.</summary>
public static class ApiFoundations
{
    public static IServiceCollection AddApiFoundations(this IServiceCollection services)
    {
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            var status = ctx.ProblemDetails.Status ?? ctx.HttpContext.Response.StatusCode;
            ctx.ProblemDetails.Title = Problems.Title(status);
            ctx.ProblemDetails.Type = null;
            ctx.ProblemDetails.Detail ??= status switch
            {
                404 => "Dit adres bestaat niet in de API. Zie /swagger voor de beschikbare adressen.",
                405 => "Deze methode is niet toegestaan op dit adres. Zie /swagger.",
                415 => "Het soort inhoud (Content-Type) past niet bij dit adres. Zie /swagger voor wat dit adres verwacht.",
                >= 500 => "Er ging onverwacht iets mis. Probeer het opnieuw; blijft het misgaan, meld dan het tijdstip aan de beheerder.",
                _ => null,
            };
        });
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.TypeInfoResolverChain.Insert(0, ApiJsonContext.Default));
        services.AddRequestDecompression();
        services.AddResponseCompression(o =>
        {
            o.EnableForHttps = true;
            o.Providers.Add<GzipCompressionProvider>();
            o.Providers.Add<BrotliCompressionProvider>();
        });
        services.Configure<BrotliCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.Configure<GzipCompressionProviderOptions>(o => o.Level = System.IO.Compression.CompressionLevel.Fastest);
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "MigratieAddin API";
            document.Info.Description = "Controle en omzetting van lopende toewijzingen wonen/verblijf naar de productcodes van het nieuwe contract.";
            return Task.CompletedTask;
        }));
        return services;
    }

    public static WebApplication UseApiFoundations(this WebApplication app)
    {
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseResponseCompression();
        app.UseRequestDecompression();
        return app;
    }

    /// <summary>The OpenAPI document and Swagger UI, only in Development.</summary>
    public static WebApplication MapApiDescription(this WebApplication app)
    {
        if (!app.Environment.IsDevelopment()) return app;
        app.MapOpenApi().AllowAnonymous();
        app.UseSwaggerUI(o =>
        {
            o.SwaggerEndpoint("/openapi/v1.json", "MigratieAddin API");
            o.RoutePrefix = "swagger";
            o.DocumentTitle = "MigratieAddin API";
        });
        return app;
    }
}
