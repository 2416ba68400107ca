using System.Text;

namespace MigratieAddin.Api;

/// <summary>Reads a backoffice export of lopende toewijzingen: `;`-separated UTF-8 (with or without BOM, quoted fields as
/// RFC 4180), headers as column keys or Dutch headers. Values stay text, exactly as exported.</summary>
public static class BackofficeExport
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static List<Row> Read(ReadOnlySpan<byte> bytes, int maxRows, RegioSettings regio)
    {
        if (bytes.IndexOf((byte)0) >= 0)
            throw Bad("Dit bestand is geen CSV-bestand (het bevat binaire gegevens). Exporteer de lopende toewijzingen als CSV met puntkomma's.");
        if (bytes.StartsWith("PK"u8))
            throw Bad("Dit lijkt een Excel-bestand, geen CSV. Sla het in Excel op als 'CSV UTF-8 (door lijstscheidingsteken gescheiden)', of gebruik het werkblad in de invoegtoepassing.");
        string text;
        try
        {
            text = StrictUtf8.GetString(bytes.StartsWith("\uFEFF"u8) ? bytes[3..] : bytes);
        }
        catch (DecoderFallbackException)
        {
            throw Bad("Het bestand is niet in UTF-8 opgeslagen. Sla het in Excel op als 'CSV UTF-8 (door lijstscheidingsteken gescheiden)' en probeer het opnieuw.");
        }

        try
        {
            return ReadRows(new StringReader(text), maxRows, regio);
        }
        catch (CsvFormatException e)
        {
            throw Bad(Invariant($"Het bestand heeft op regel {e.Line} een los aanhalingsteken: {e.Reason}. Zet een veld met een puntkomma, ")
                + "aanhalingsteken of regelovergang helemaal tussen aanhalingstekens en schrijf een aanhalingsteken daarbinnen dubbel (\"\"), "
                + "zoals Excel doet bij 'CSV UTF-8 (door lijstscheidingsteken gescheiden)'.");
        }
    }

    private static List<Row> ReadRows(TextReader reader, int maxRows, RegioSettings regio)
    {
        Column?[]? columns = null;
        var rows = new List<Row>();
        foreach (var record in SemicolonCsv.Read(reader))
        {
            if (columns is null)
            {
                columns = HeaderColumns(record.Fields, regio);
                continue;
            }
            if (rows.Count == maxRows)
                throw new RequestException(StatusCodes.Status413PayloadTooLarge,
                    $"Het bestand bevat meer dan {Dutch.Getal(maxRows)} rijen. Splits de export, bijvoorbeeld per aanbieder.");
            var row = new Row(record.Line);
            for (var i = 0; i < columns.Length && i < record.Fields.Length; i++)
                if (columns[i] is { } column) row[column] = Cell.FromText(record.Fields[i]);
            if (!row.IsEmpty) rows.Add(row);
        }
        if (columns is null) throw Bad("Het bestand is leeg. Exporteer de lopende toewijzingen met een kopregel.");
        return rows;
    }

    /// <summary>The format column of each header. Unknown headers are named by position only: without a header row,
    /// the first line would be data, and this message must never repeat a BSN or a name.</summary>
    private static Column?[] HeaderColumns(string[] headers, RegioSettings regio)
    {
        var columns = headers.Select(h => Columns.TryFromHeaderOrKey(h, regio, out var c) ? c : (Column?)null).ToArray();
        var unknown = headers.Select((h, i) => (h, i)).Where(x => columns[x.i] is null && x.h.Trim() != "").Select(x => XlsxWriter.ColumnName(x.i)).ToList();
        if (unknown.Count > 0 || columns.All(c => c is null))
            throw Bad($"De kopregel kent {(unknown.Count == 1 ? "kolom" : "de kolommen")} {string.Join(", ", unknown)} niet. "
                + $"Gebruik de koppen van het format (bijvoorbeeld 'Gemeentecode', 'BSN jeugdige', '{Column.Productcode2022.Header(regio)}') of de sleutels (gemeentecode, bsn, productcode2022), "
                + "met een puntkomma als scheidingsteken.");
        var doubles = columns.OfType<Column>().GroupBy(c => c).Where(g => g.Count() > 1).Select(g => $"'{g.Key.Header(regio)}'").ToList();
        if (doubles.Count > 0) throw Bad($"De kop {string.Join(", ", doubles)} staat meer dan eens in de kopregel. Houd één kolom per kop.");
        return columns;
    }

    private static RequestException Bad(string detail) => new(StatusCodes.Status400BadRequest, detail);
}
