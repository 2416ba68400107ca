using System.Text;
using System.Text.Json;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>A per-aanbieder workbook as sending makes it (each row a Regel-ID, the workbook a seal), and the workbook the
/// aanbieder returns: any rows, with the seal made at sending.</summary>
public sealed class Zending
{
    private Zending(string werkboekId, List<Row> rows, IReadOnlyList<string> sealLines) => (WerkboekId, Rows, SealLines) = (werkboekId, rows, sealLines);

    public string WerkboekId { get; }
    /// <summary>The sent rows, with their Regel-IDs, from Excel row 2 on.</summary>
    public List<Row> Rows { get; }
    public IReadOnlyList<string> SealLines { get; }
    /// <summary>The seal as the pane passes it in `verzegeling`.</summary>
    public string Verzegeling => Seal.Join(SealLines);

    public static Zending Of(Sealer sealer, params RijBuilder[] rows)
    {
        var werkboekId = Sealer.NewId();
        var sent = rows.Select((r, n) =>
        {
            var row = r.Build(n + 2);
            row[Column.RegelId] = Cell.FromText(Seal.RegelId(werkboekId, n + 1));
            return row;
        }).ToList();
        return new Zending(werkboekId, sent, Seal.Of(werkboekId, sent, sealer).Lines());
    }

    public static Zending Of(params RijBuilder[] rows) => Of(Engine.TestSealer, rows);

    /// <summary>The workbook as it comes back with these rows (numbered from row 2 in this order) and the seal of sending.</summary>
    public byte[] Returned(IEnumerable<Row> rows)
    {
        using var stream = new MemoryStream();
        FormatWorkbook.Write(stream, rows, Engine.EmbeddedCatalogus, [], "Zwolle", SealLines);
        return stream.ToArray();
    }

    public byte[] Returned() => Returned(Rows);

    /// <summary>A copy of a row with some cells changed, as an aanbieder copies a row (hidden cells included).</summary>
    public static Row Copy(Row row, params (Column Column, object? Value)[] changes)
    {
        var copy = new Row(row.Number, (Cell[])row.Cells.Clone());
        foreach (var (column, value) in changes) copy[column] = RijBuilder.CellOf(value);
        return copy;
    }

    /// <summary>The body of POST /api/akkoord for a row, as the pane sends it.</summary>
    public static StringContent AkkoordBody(Row row, string? verzegeling)
    {
        var waarden = new Dictionary<string, object?>();
        for (var c = 0; c < Columns.Count; c++)
        {
            var cell = row[Columns.All[c].Column];
            waarden[Columns.All[c].Key] = cell.Kind switch { CellKind.Number => cell.Number, CellKind.Empty => null, _ => cell.AsText() };
        }
        var body = JsonSerializer.Serialize(new { regelId = row[Column.RegelId].AsText(), waarden, verzegeling });
        return new StringContent(body, Encoding.UTF8, "application/json");
    }
}
