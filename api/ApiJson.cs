// The host's JSON context: it names types of several features, so it lives beside Program.cs, not in Common/.
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MigratieAddin.Api;

/// <summary>Source-generated JSON for the answers that can be large, so 20,000 rows (or a region's 1,100 overview lines) serialise fast.</summary>
[JsonSourceGenerationOptions(JsonSerializerDefaults.Web)]
[JsonSerializable(typeof(Beoordeling))]
[JsonSerializable(typeof(CatalogusAntwoord))]
[JsonSerializable(typeof(Verzendoverzicht))]
[JsonSerializable(typeof(VoortgangOverzicht))]
[JsonSerializable(typeof(Batchcontrole))]
[JsonSerializable(typeof(int))]
[JsonSerializable(typeof(string))]
public sealed partial class ApiJsonContext : JsonSerializerContext;
