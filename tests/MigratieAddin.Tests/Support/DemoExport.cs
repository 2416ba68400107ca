using System.Reflection;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>The demo export of running toewijzingen shipped with the project (test BSNs, invented names).</summary>
public static class DemoExport
{
    public static string Path => System.IO.Path.Combine(AppContext.BaseDirectory, "voorbeelden", "lopende-toewijzingen.csv");

    public static List<Row> Rows()
    {
        using var reader = new StreamReader(Path);
        var records = SemicolonCsv.Read(reader).ToList();
        var columns = records[0].Fields.Select(h => Columns.TryFromHeaderOrKey(h, Engine.EmbeddedCatalogus.Regio, out var c) ? c : throw new InvalidDataException(h)).ToArray();
        return records.Skip(1).Select(r =>
        {
            var row = new Row(r.Line);
            for (var i = 0; i < columns.Length; i++) row[columns[i]] = Cell.FromText(r.Fields[i]);
            return row;
        }).ToList();
    }
}
