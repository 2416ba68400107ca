using MigratieAddin.Api;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddApiFoundations(); // problem+json in Dutch, JSON, compression, OpenAPI
builder.Services.AddGezondheid();     // /health/live and /health/ready (catalogue loaded, engine warmed up)
builder.Services.AddTelemetrie(builder.Configuration); // OpenTelemetry metrics and traces over OTLP, off unless configured
builder.AddAanmelding();              // Entra ID sign-in and roles, or the explicit local mode
builder.Services.AddBeveiliging();    // security headers, rate limit per caller, request timeouts
builder.Services.AddCatalogus();      // the region's catalogue, loaded once
builder.Services.AddVerzegeling();    // the key behind seals and approval marks
builder.Services.AddValidatie();      // the rules engine and its request limits
builder.Services.AddFormat();         // the format workbook and the per-aanbieder zip
builder.Services.AddWerkboeken();     // limits on returned workbooks, one or a batch, and on uploads at the same time
builder.Services.AddAddin();          // the task pane and the add-in manifest
builder.Services.AddDownloads();      // short-lived single-use download addresses (Excel for Mac)
builder.Services.AddVoortgang();      // what happened to each sealed workbook (no personal data), the region's overview
builder.WebHost.ConfigureKestrel(k => k.Limits.MaxRequestBodySize = 256L * 1024 * 1024); // each endpoint sets its own, lower limit

var app = builder.Build();

app.Services.GetRequiredService<Catalogus>(); // load now: a broken catalogue stops start-up

app.UseApiFoundations();
app.UseBeveiliging();
app.UseAanmelding();
app.UseRateLimiter();
app.MapApiDescription();
app.MapGezondheid();
app.MapAddin();
app.MapHelp();
app.MapCatalogus();
app.MapValidatie();
app.MapRegels();
app.MapFormat();
app.MapControle();
app.MapOmzetting();
app.MapDownloads();
app.MapVoortgang();

app.Run();

public partial class Program;
