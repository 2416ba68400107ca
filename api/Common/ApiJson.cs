using System.Text.Json;
using System.Text.Json.Serialization;

namespace MigratieAddin.Api;

/// <summary>Source-generated JSON for the answers that can be large, so 20,000 rows serialise fast.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Beoordeling))]
[JsonSerializable(typeof(CatalogusAntwoord))]
[JsonSerializable(typeof(Verzendoverzicht))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
