using System.IO.Compression;
using System.Text;
using System.Text.Json.Nodes;

namespace MigratieAddin.Tests;

/// <summary>Sealed format workbooks of any size, made by POST /api/format/per-aanbieder as a gemeente sends them:
/// one gemeente, one aanbieder, distinct jeugdigen, most rows ok and some with meldingen.</summary>
public static class SealedWorkbooks
{
    public static byte[] RowsJson(int count)
    {
        var rijen = new JsonArray();
        for (var i = 0; i < count; i++)
            rijen.Add(new JsonObject
            {
                ["waarden"] = new JsonObject
                {
                    ["gemeentecode"] = "0193",
                    ["aanbiederAgb"] = "98000022",
                    ["aanbiederNaam"] = "Bètahuis Gezinshuizen",
                    ["bsn"] = TestBsn.Make(i),
                    ["naam"] = $"Jeugdige {i}",
                    ["geboortedatum"] = 40000 + i % 2000,
                    ["toewijzingnummer"] = 600_000_000 + i,
                    ["productcategorie2022"] = "44",
                    ["productcode2022"] = "44301",
                    ["ingangsdatum"] = "01-03-2022",
                    ["einddatum"] = "31-12-2023",
                    ["volume"] = i % 13 == 4 ? 0 : 7,
                    ["eenheid"] = "14",
                    ["frequentie"] = 2,
                    ["productcode2023"] = i % 10 == 3 ? null : "44A08",
                },
            });
        return Encoding.UTF8.GetBytes(new JsonObject { ["rijen"] = rijen }.ToJsonString());
    }

    /// <summary>The one workbook the zip of /api/format/per-aanbieder holds for <paramref name="count"/> rows.</summary>
    public static async Task<byte[]> MakeAsync(HttpClient http, int count)
    {
        using var content = new ByteArrayContent(RowsJson(count));
        content.Headers.ContentType = new("application/json");
        using var response = await http.PostAsync("/api/format/per-aanbieder", content);
        response.EnsureSuccessStatusCode();
        using var zip = new ZipArchive(await response.Content.ReadAsStreamAsync());
        using var workbook = new MemoryStream();
        using (var entry = zip.Entries.Single(e => e.Name.EndsWith(".xlsx", StringComparison.Ordinal)).Open()) entry.CopyTo(workbook);
        return workbook.ToArray();
    }
}
