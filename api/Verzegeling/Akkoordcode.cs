namespace MigratieAddin.Api;

/// <summary>The gemeente's approval mark on a row (FORMAT.md "Conversion"): a keyed MAC over the workbook's id (from its
/// seal), the row's Regel-ID and its current values, so it is void on another workbook, another row, or after a change.
/// Written as "AK2.{key id}.{MAC}": it starts with a letter, so Excel never takes it for a formula or a number.</summary>
public static class Akkoordcode
{
    private const string Version = "AK2";
    private const int MacBytes = 16;

    /// <summary>A mark is given, and counts, only for a row whose meldingen are all overleg or info.</summary>
    public static bool Approvable(IEnumerable<Melding> meldingen) => meldingen.All(m => m.Ernst is Ernst.Overleg or Ernst.Info);

    /// <summary>The mark over the row as it is now, made with the current key.</summary>
    public static string Code(Sealer sealer, string werkboekId, string regelId, Row row) =>
        $"{Version}.{sealer.Current.Id}.{Mac(sealer.Current, werkboekId, regelId, row)}";

    /// <summary>Whether the mark was made (with any configured key) for this workbook, this Regel-ID and these values.</summary>
    public static bool IsValid(Sealer sealer, string code, string werkboekId, string regelId, Row row) =>
        code.Split('.') is [Version, var id, var mac] && sealer.Key(id) is { } key && Sealer.SameMac(mac, Mac(key, werkboekId, regelId, row));

    private static string Mac(SealKey key, string werkboekId, string regelId, Row row)
    {
        var parts = new string[Columns.Input.Length + 3];
        parts[0] = "akkoord";
        parts[1] = werkboekId;
        parts[2] = regelId;
        for (var c = 0; c < Columns.Input.Length; c++) parts[c + 3] = Seal.SealValue(Columns.Input[c], row[Columns.Input[c]]);
        return key.Mac(MacBytes, parts);
    }
}
