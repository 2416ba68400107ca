using System.Globalization;

namespace MigratieAddin.Api;

/// <summary>One sent row in a seal: its Regel-ID, its toewijzingnummer (in clear, for REGEL_VERWIJDERD) and a MAC per blue cell.</summary>
public sealed record SealedRow(string RegelId, string Toewijzingnummer, IReadOnlyList<string> Macs);

/// <summary>The seal of a per-aanbieder workbook (FORMAT.md "Sealing"): a header line with the workbook's id, the id of
/// the key that made it and a MAC over everything, and a line per sent row. Lives on a very hidden sheet, one line per
/// cell in column A; clients pass the lines joined by newlines. It holds no BSN, name or birth date in readable form.</summary>
public sealed record Seal(string WerkboekId, IReadOnlyList<SealedRow> Rows, SealKey Key)
{
    public const string Sheet = "Verzegeling";
    private const string Version = "MAV2";
    /// <summary>Seals made before they named their key: still verified, with each configured key in turn.</summary>
    private const string VersionWithoutKeyId = "MAV1";
    private const int CellMacBytes = 12;
    private const int SealMacBytes = 16;

    public static readonly IReadOnlyList<Column> BlueColumns =
        Columns.All.Where(c => c.Colour == Colour.Blue).Select(c => c.Column).ToList();

    public static string RegelId(string werkboekId, int n) => $"{werkboekId}.{n.ToString(CultureInfo.InvariantCulture)}";

    public static string WerkboekOf(string regelId) => regelId.Contains('.') ? regelId[..regelId.LastIndexOf('.')] : "";

    /// <summary>Seals the rows (each must carry its Regel-ID) of one workbook with the current key.</summary>
    public static Seal Of(string werkboekId, IEnumerable<Row> rows, Sealer sealer) => new(werkboekId, rows.Select(r =>
    {
        var regelId = r[Column.RegelId].AsText();
        return new SealedRow(regelId, SealValue(Column.Toewijzingnummer, r[Column.Toewijzingnummer]),
            BlueColumns.Select(c => CellMac(sealer.Current, werkboekId, regelId, c, r[c])).ToList());
    }).ToList(), sealer.Current);

    /// <summary>The MAC of one blue cell, made with the key of this seal.</summary>
    public string CellMac(string regelId, Column column, Cell value) => CellMac(Key, WerkboekId, regelId, column, value);

    private static string CellMac(SealKey key, string werkboekId, string regelId, Column column, Cell value) =>
        key.Mac(CellMacBytes, "cel", werkboekId, regelId, column.Key(), SealValue(column, value));

    /// <summary>The seal as lines, the first one carrying the MAC over all of them.</summary>
    public IReadOnlyList<string> Lines()
    {
        var body = Rows.Select(r => $"{r.RegelId};{r.Toewijzingnummer};{string.Join(',', r.Macs)}").ToList();
        var head = $"{Version};{WerkboekId};{Rows.Count.ToString(CultureInfo.InvariantCulture)};{Key.Id}";
        return [$"{head};{SealMac(Key, head, body)}", .. body];
    }

    private static string SealMac(SealKey key, string head, IReadOnlyList<string> body) =>
        key.Mac(SealMacBytes, "zegel", head, body);

    /// <summary>Reads and verifies a seal against the configured keys; null when it is damaged, edited, made with a key
    /// that is no longer configured, or not a seal at all.</summary>
    public static Seal? Verify(string text, Sealer sealer) => Verify([text], sealer);

    /// <summary>The same, over the seal's lines as they stand on the seal sheet (one per cell of column A): exactly what
    /// <see cref="Verify(string, Sealer)"/> finds in the lines joined by newlines, without ever building that text (for
    /// 50,000 rows it is over 10 million characters).</summary>
    public static Seal? Verify(IReadOnlyList<string> given, Sealer sealer)
    {
        var lines = new List<string>(given.Count);
        foreach (var line in given)
        {
            if (line.AsSpan().IndexOfAny('\r', '\n') < 0) Keep(line);
            else foreach (var part in line.Replace("\r\n", "\n").Split('\n')) Keep(part);
        }
        if (lines.Count == 0) return null;
        var head = lines[0].Split(';');
        var named = head is [Version, _, _, _, _];
        if (!named && head is not [VersionWithoutKeyId, _, _, _]) return null;
        if (!int.TryParse(head[2], NumberStyles.None, CultureInfo.InvariantCulture, out var count) || count != lines.Count - 1) return null;
        var body = lines.GetRange(1, count);
        var signed = string.Join(';', head[..^1]);
        IEnumerable<SealKey> candidates = named ? sealer.Keys.Where(k => k.Id == head[3]) : sealer.Keys;
        var key = candidates.FirstOrDefault(k => Sealer.SameMac(head[^1], SealMac(k, signed, body)));
        if (key is null) return null;
        var rows = new List<SealedRow>(count);
        foreach (var line in body)
        {
            var parts = line.Split(';');
            if (parts.Length != 3) return null;
            var macs = parts[2].Split(',');
            if (macs.Length != BlueColumns.Count) return null;
            rows.Add(new SealedRow(parts[0], parts[1], macs));
        }
        return new Seal(head[1], rows, key);

        void Keep(string line)
        {
            var trimmed = line.Trim();
            if (trimmed.Length > 0) lines.Add(trimmed);
        }
    }

    /// <summary>Whether there is no seal at all: no line, or only empty ones.</summary>
    public static bool IsAbsent(IReadOnlyList<string>? lines) => lines is null || lines.All(string.IsNullOrWhiteSpace);

    /// <summary>A blue cell's value in the normal form its column's definition gives (<see cref="Columns.NormalForm"/>), so a
    /// re-save by Excel, LibreOffice or openpyxl changes nothing.</summary>
    public static string SealValue(Column column, Cell value) => column.NormalForm(value);

    /// <summary>The lines as one text, as clients pass the seal in `verzegeling`.</summary>
    public static string Join(IEnumerable<string> lines) => string.Join('\n', lines);
}
