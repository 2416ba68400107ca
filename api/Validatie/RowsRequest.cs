using System.Collections.Frozen;
using System.Text;
using System.Text.Json;

namespace MigratieAddin.Api;

/// <summary>Rows as the API's JSON bodies carry them: the fase (validation), every non-empty row of the sheet,
/// the seal (fase controle) and contact persons (the format routes).</summary>
public sealed record RowsRequest(Fase? Fase, IReadOnlyList<Row> Rijen, string? Verzegeling, IReadOnlyList<Contactpersoon> Contactpersonen);

/// <summary>Reads those JSON bodies straight into rows of cells: fast for 20,000 rows,
/// and every mistake in the request becomes a Dutch message that says where it is.</summary>
public static class RowsRequestReader
{
    private static readonly FrozenDictionary<string, Column>.AlternateLookup<ReadOnlySpan<char>> ColumnByKey =
        Columns.All.ToFrozenDictionary(c => c.Key, c => c.Column, StringComparer.OrdinalIgnoreCase)
            .GetAlternateLookup<ReadOnlySpan<char>>();

    private static readonly FrozenDictionary<string, Fase> Fases = new Dictionary<string, Fase>
    {
        ["gemeente"] = Fase.Gemeente,
        ["aanbieder"] = Fase.Aanbieder,
        ["controle"] = Fase.Controle,
    }.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);

    private static readonly JsonReaderOptions Options = new() { MaxDepth = 16 };

    /// <summary>Reads a body of rows. A large one's rows are read in parts on the machine's cores; should anything in it
    /// not be as expected, the body is read again on one thread, so every message is the one that reader gives.</summary>
    public static RowsRequest Read(ReadOnlyMemory<byte> json, int maxRows, bool faseRequired = true, CancellationToken ct = default) =>
        Read(json, maxRows, faseRequired, Environment.ProcessorCount, ct);

    internal static RowsRequest Read(ReadOnlyMemory<byte> json, int maxRows, bool faseRequired, int cores, CancellationToken ct)
    {
        if (cores > 1 && json.Length >= 2 * RowsInParts.BytesPerPart)
        {
            try
            {
                return ReadOnce(json, maxRows, faseRequired, cores, ct);
            }
            catch (Exception e) when (e is RequestException or JsonException or InvalidOperationException)
            {
                // Read again below: one reader from the start knows where the mistake is.
            }
        }
        return ReadOnce(json, maxRows, faseRequired, cores: 1, ct);
    }

    private static RowsRequest ReadOnce(ReadOnlyMemory<byte> json, int maxRows, bool faseRequired, int cores, CancellationToken ct)
    {
        try
        {
            var reader = new Utf8JsonReader(json.Span, Options);
            return ReadRequest(ref reader, json, maxRows, faseRequired, cores, ct);
        }
        catch (JsonException e)
        {
            throw Bad(Invariant($"De inhoud is geen geldige JSON (regel {(e.LineNumber ?? 0) + 1}, positie {(e.BytePositionInLine ?? 0) + 1}). Controleer het verzoek."));
        }
        catch (InvalidOperationException)
        {
            throw Bad("De inhoud bevat tekst die geen geldige UTF-8 is. Stuur het verzoek als UTF-8.");
        }
    }

    private static RowsRequest ReadRequest(ref Utf8JsonReader reader, ReadOnlyMemory<byte> json, int maxRows, bool faseRequired, int cores, CancellationToken ct)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            throw Bad(faseRequired ? "Het verzoek moet een JSON-object zijn met 'fase' en 'rijen'." : "Het verzoek moet een JSON-object zijn met 'rijen'.");
        Fase? fase = null;
        List<Row>? rows = null;
        string? verzegeling = null;
        IReadOnlyList<Contactpersoon> contactpersonen = [];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "fase":
                    fase = reader.TokenType == JsonTokenType.String && Fases.TryGetValue(reader.GetString()!.Trim(), out var f)
                        ? f : throw Bad("De fase is onbekend. Kies 'gemeente', 'aanbieder' of 'controle'.");
                    break;
                case "rijen" when cores > 1 && RowsInParts.TryRead(json, (int)reader.TokenStartIndex, maxRows, cores, ct, out var inParts, out var after):
                    rows = inParts;
                    reader = RowsInParts.ReaderAfterRows(json.Span[after..], Options);
                    cores = 1; // the reader now reads a copy of the rest: its positions are no longer the body's
                    break;
                case "rijen":
                    rows = ReadRows(ref reader, maxRows, ct);
                    break;
                case "verzegeling":
                    verzegeling = reader.TokenType switch
                    {
                        JsonTokenType.String => reader.GetString(),
                        JsonTokenType.Null => null,
                        _ => throw Bad("'verzegeling' moet tekst zijn."),
                    };
                    break;
                case "contactpersonen":
                    contactpersonen = ReadContactpersonen(ref reader);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        if (fase is null && faseRequired) throw Bad("'fase' ontbreekt. Kies 'gemeente', 'aanbieder' of 'controle'.");
        if (rows is null) throw Bad("'rijen' ontbreekt. Stuur alle niet-lege rijen van het werkblad als lijst.");
        return new RowsRequest(fase, rows, verzegeling, contactpersonen);
    }

    private static readonly JsonSerializerOptions ContactOptions = new(JsonSerializerDefaults.Web);

    private static IReadOnlyList<Contactpersoon> ReadContactpersonen(ref Utf8JsonReader reader)
    {
        if (reader.TokenType == JsonTokenType.Null) return [];
        try
        {
            var list = JsonSerializer.Deserialize<List<Contactpersoon>>(ref reader, ContactOptions) ?? [];
            return list.Count <= 50 ? Contactpersoon.Checked(list) : throw Bad("Geef hoogstens 50 contactpersonen op.");
        }
        catch (JsonException)
        {
            throw Bad("'contactpersonen' moet een lijst zijn van objecten met voornaam, achternaam, email, telefoon en rol (tekst).");
        }
    }

    /// <summary>One row with its Regel-ID and the workbook's seal: the body of POST /api/akkoord.</summary>
    public static (string RegelId, Row Row, string? Verzegeling) ReadSingle(ReadOnlySpan<byte> json)
    {
        try
        {
            var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 8 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) throw Bad("Stuur een JSON-object met 'regelId' en 'waarden'.");
            string? regelId = null, verzegeling = null;
            var cells = new Cell[Columns.Count];
            var hasCells = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var name = reader.GetString();
                reader.Read();
                if (name == "regelId" && reader.TokenType is JsonTokenType.String or JsonTokenType.Null) regelId = reader.GetString();
                else if (name == "verzegeling" && reader.TokenType is JsonTokenType.String or JsonTokenType.Null) verzegeling = reader.GetString();
                else if (name == "waarden") { ReadCells(ref reader, cells, -1, new RowRepeats()); hasCells = true; }
                else reader.Skip();
            }
            if (!hasCells) throw Bad("'waarden' ontbreekt: stuur de huidige waarden van de rij.");
            return ((regelId ?? "").Trim(), new Row(null, cells), verzegeling);
        }
        catch (JsonException e)
        {
            throw Bad(Invariant($"De inhoud is geen geldige JSON (regel {(e.LineNumber ?? 0) + 1}). Controleer het verzoek."));
        }
        catch (InvalidOperationException)
        {
            throw Bad("De inhoud bevat tekst die geen geldige UTF-8 is, of een waarde van het verkeerde soort.");
        }
    }

    /// <summary>The contact persons sent as a form field next to an uploaded file.</summary>
    public static IReadOnlyList<Contactpersoon> ReadContactpersonen(string? json)
    {
        if (string.IsNullOrWhiteSpace(json)) return [];
        var bytes = Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { MaxDepth = 8 });
        try
        {
            reader.Read();
            return ReadContactpersonen(ref reader);
        }
        catch (JsonException)
        {
            throw Bad("'contactpersonen' is geen geldige JSON-lijst.");
        }
    }

    private static List<Row> ReadRows(ref Utf8JsonReader reader, int maxRows, CancellationToken ct)
    {
        if (reader.TokenType != JsonTokenType.StartArray) throw Bad("'rijen' moet een lijst zijn.");
        var rows = new List<Row>();
        var repeats = new RowRepeats();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (rows.Count == maxRows)
                throw new RequestException(StatusCodes.Status413PayloadTooLarge,
                    $"Het verzoek bevat meer dan {Dutch.Getal(maxRows)} rijen. Verdeel het werkblad over meerdere verzoeken of werkboeken.");
            if (rows.Count % 1000 == 999) ct.ThrowIfCancellationRequested(); // a request timeout stops long parsing
            rows.Add(ReadRow(ref reader, rows.Count, repeats));
        }
        return rows;
    }

    internal static Row ReadRow(ref Utf8JsonReader reader, int index, RowRepeats repeats)
    {
        // The row's place in messages is made only when there is a message: formatting it per row cost a string each.
        if (reader.TokenType != JsonTokenType.StartObject) throw Bad($"{Where(index)} moet een object zijn met 'rij' en 'waarden'.");
        int? number = null;
        var cells = new Cell[Columns.Count];
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString();
            reader.Read();
            switch (name)
            {
                case "rij":
                    if (reader.TokenType == JsonTokenType.Null) break;
                    number = reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var n)
                        ? n : throw Bad($"{Where(index)}.rij moet een rijnummer zijn (een heel getal).");
                    break;
                case "waarden":
                    ReadCells(ref reader, cells, index, repeats);
                    break;
                default:
                    reader.Skip();
                    break;
            }
        }
        return new Row(number, cells);
    }

    private static string Where(int index) => index < 0 ? "akkoord" : Invariant($"rijen[{index}]");

    /// <summary>The cells of one row; <paramref name="index"/> is the row's place in 'rijen' (-1: the single row of akkoord).</summary>
    private static void ReadCells(ref Utf8JsonReader reader, Cell[] cells, int index, RowRepeats repeats)
    {
        if (reader.TokenType == JsonTokenType.Null) return;
        if (reader.TokenType != JsonTokenType.StartObject) throw Bad($"{Where(index)}.waarden moet een object zijn met kolomsleutels.");
        Span<char> key = stackalloc char[64];
        var previous = -1;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var known = repeats.TryNextColumn(ref reader, previous, out var column) || TryColumn(ref reader, key, out column);
            reader.Read();
            if (!known) { reader.Skip(); continue; }
            repeats.Followed(previous, column);
            previous = (int)column;
            cells[(int)column] = reader.TokenType switch
            {
                JsonTokenType.String => repeats.Cell(ref reader, column),
                JsonTokenType.Number => WholeNumber(reader.ValueSpan, out var d) || reader.TryGetDouble(out d)
                    ? Cell.FromNumber(d) : Cell.FromText(Encoding.UTF8.GetString(reader.ValueSpan)),
                JsonTokenType.True => Cell.FromBoolean(true),
                JsonTokenType.False => Cell.FromBoolean(false),
                JsonTokenType.Null => Cell.Empty,
                _ => throw Bad($"{Where(index)}.waarden.{column.Key()} moet tekst, een getal, true/false of null zijn."),
            };
        }
    }

    /// <summary>A number of up to 15 digits without sign, fraction or exponent (dates, codes and counts as Excel sends them):
    /// read digit by digit, exactly the double the general parser gives, at a fraction of its cost.</summary>
    internal static bool WholeNumber(ReadOnlySpan<byte> token, out double value)
    {
        value = 0;
        if (token.IsEmpty || token.Length > 15) return false;
        long n = 0;
        foreach (var b in token)
        {
            var digit = (uint)(b - (byte)'0');
            if (digit > 9) return false;
            n = n * 10 + digit;
        }
        value = n;
        return true;
    }

    private static bool TryColumn(ref Utf8JsonReader reader, scoped Span<char> buffer, out Column column)
    {
        column = default;
        if (reader.ValueSpan.Length > buffer.Length) return false;
        var length = reader.CopyString(buffer);
        return ColumnByKey.TryGetValue(buffer[..length], out column);
    }

    private static RequestException Bad(string detail) => new(StatusCodes.Status400BadRequest, detail);
}

/// <summary>What repeats from row to row in one request. The texts: a workbook has one aanbieder, a few gemeenten and
/// product codes, so a few recent texts are kept per column and a repeated value is one string for all its rows instead
/// of one per row (fewer objects per row keep the garbage collector's pauses short on a 10,000-row request). And the
/// order of the column keys, the same in every row the pane sends: each key is first compared, as bytes, with the one
/// that followed the previous key last time, before it is looked up.</summary>
internal sealed class RowRepeats
{
    private const int SlotsPerColumn = 8;
    private const int LongestCached = 32;
    private const int MissesBeforeGivingUp = 32; // a column whose values do not repeat (BSN, naam) is soon read plainly
    private static readonly byte[][] KeyBytes = KeysAsBytes();
    private readonly string?[] _slots = new string?[Columns.Count * SlotsPerColumn];
    private readonly int[] _hits = new int[Columns.Count];
    private readonly int[] _misses = new int[Columns.Count];
    private readonly Column?[] _after = new Column?[Columns.Count + 1];

    private static byte[][] KeysAsBytes()
    {
        var keys = new byte[Columns.Count][];
        foreach (var info in Columns.All) keys[(int)info.Column] = Encoding.UTF8.GetBytes(info.Key);
        return keys;
    }

    /// <summary>Whether the key is the one that followed <paramref name="previous"/> (-1: the row's first key) last time.</summary>
    public bool TryNextColumn(ref Utf8JsonReader reader, int previous, out Column column)
    {
        column = default;
        if (_after[previous + 1] is not { } next) return false;
        column = next;
        return reader.ValueTextEquals(KeyBytes[(int)next]);
    }

    public void Followed(int previous, Column column) => _after[previous + 1] = column;

    public Cell Cell(ref Utf8JsonReader reader, Column column)
    {
        var raw = reader.ValueSpan;
        var c = (int)column;
        if (raw.IsEmpty || raw.Length > LongestCached || _misses[c] > MissesBeforeGivingUp + 4 * _hits[c])
            return Api.Cell.FromText(reader.GetString());
        ref var slot = ref _slots[c * SlotsPerColumn + (raw.Length * 7 + raw[^1] + 31 * raw[raw.Length / 2]) % SlotsPerColumn];
        if (slot is not null && reader.ValueTextEquals(slot))
        {
            _hits[c]++;
            return Api.Cell.FromText(slot);
        }
        _misses[c]++;
        var text = reader.GetString()!;
        var cell = Api.Cell.FromText(text);
        // Only a text kept as sent can stand for what the reader holds; a trimmed one is read anew each time.
        if (cell.Text is { } kept && kept.Length == text.Length) slot = kept;
        return cell;
    }
}
