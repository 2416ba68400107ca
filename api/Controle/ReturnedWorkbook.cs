using System.IO.Compression;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;

namespace MigratieAddin.Api;

public sealed class WerkboekOptions
{
    /// <summary>Largest upload (at least 25 MB must be accepted).</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;
    /// <summary>Most rows on the Toewijzingen tab.</summary>
    public int MaxRijen { get; set; } = 50_000;
    /// <summary>Most entries in the workbook's zip package.</summary>
    public int MaxOnderdelen { get; set; } = 1_000;
    /// <summary>Most bytes of all parts together once unpacked.</summary>
    public long MaxUitgepakt { get; set; } = 512L * 1024 * 1024;
    /// <summary>Highest ratio of unpacked to packed size for a part over 10 MB (zip bombs pack far tighter).</summary>
    public int MaxVerhouding { get; set; } = 100;
}

/// <summary>A workbook that came back: its rows as the rules read them (row numbers as in Excel), its seal, and where
/// each column of the format stands.</summary>
public sealed record ReturnedWorkbook(IReadOnlyList<Row> Rows, string? Verzegeling, IReadOnlyDictionary<Column, int> ColumnIndexes)
{
    /// <summary>Reads an uploaded .xlsx safely: the zip is checked before the package is opened.</summary>
    public static ReturnedWorkbook Read(byte[] bytes, WerkboekOptions limits, CancellationToken ct = default)
    {
        CheckPackage(bytes, limits, ct);
        try
        {
            return ReadPackage(bytes, limits, ct);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or InvalidOperationException
                                      or FileFormatException or KeyNotFoundException or FormatException or ArgumentException or NotSupportedException)
        {
            // A part that is not what it claims (a DTD, an entity bomb, broken XML): refused, never a 500.
            throw Bad("Een onderdeel van dit werkboek is beschadigd of bevat iets wat een werkboek niet hoort te bevatten. Sla het werkboek opnieuw op in Excel en probeer het nog eens.");
        }
    }

    private static ReturnedWorkbook ReadPackage(byte[] bytes, WerkboekOptions limits, CancellationToken ct)
    {
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(new MemoryStream(bytes, writable: false), false,
                new OpenSettings { MaxCharactersInPart = limits.MaxUitgepakt / 2 });
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or InvalidOperationException
                                      or System.Xml.XmlException or ArgumentException or NotSupportedException)
        {
            throw NotAWorkbook();
        }
        using (document)
        {
            if (document.WorkbookPart?.Workbook is null) throw NotAWorkbook();
            var names = XlsxReader.SheetNames(document);
            var tab = names.FirstOrDefault(n => string.Equals(n.Trim(), FormatWorkbook.Toewijzingen, StringComparison.OrdinalIgnoreCase))
                ?? throw Bad($"Het werkboek heeft geen tabblad '{FormatWorkbook.Toewijzingen}'. Gebruik het werkboek van het format, of zet de rijen op een tabblad met die naam.");
            SortedDictionary<int, Dictionary<int, Cell>> sheet;
            try
            {
                sheet = XlsxReader.ReadSheet(document, tab);
            }
            catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or InvalidOperationException)
            {
                throw Bad("Het tabblad Toewijzingen is beschadigd en kan niet worden gelezen. Sla het werkboek opnieuw op in Excel en probeer het nog eens.");
            }
            var columns = HeaderColumns(sheet.GetValueOrDefault(1) ?? []);
            var rows = new List<Row>();
            foreach (var (number, cells) in sheet)
            {
                if (number == 1) continue;
                if (number % 1000 == 0) ct.ThrowIfCancellationRequested();
                var row = new Row(number);
                foreach (var (column, index) in columns)
                    if (cells.TryGetValue(index, out var value)) row[column] = value;
                if (row.IsEmpty) continue;
                if (rows.Count == limits.MaxRijen)
                    throw new RequestException(StatusCodes.Status413PayloadTooLarge, $"Het tabblad Toewijzingen heeft meer dan {limits.MaxRijen.ToString("N0", Dutch.Numbers)} rijen. Splits het werkboek.");
                rows.Add(row);
            }
            string? seal = null;
            if (names.Contains(MigratieAddin.Api.Seal.Sheet))
                seal = MigratieAddin.Api.Seal.Join(XlsxReader.ReadSheet(document, MigratieAddin.Api.Seal.Sheet).Values.Select(r => r.GetValueOrDefault(0).AsText()));
            return new ReturnedWorkbook(rows, seal, columns);
        }
    }

    private static Dictionary<Column, int> HeaderColumns(Dictionary<int, Cell> headers)
    {
        var columns = new Dictionary<Column, int>();
        foreach (var (index, cell) in headers.OrderBy(h => h.Key))
            if (cell.Kind == CellKind.Text && Columns.TryFromHeaderOrKey(cell.Text!, out var column)) columns.TryAdd(column, index);
        var missing = Columns.All.Where(c => c.Colour is Colour.Blue or Colour.Yellow && !columns.ContainsKey(c.Column)).Select(c => $"'{c.Header}'").ToList();
        if (missing.Count > 0)
            throw Bad($"Op het tabblad Toewijzingen {(missing.Count == 1 ? "ontbreekt de kolom" : "ontbreken de kolommen")} {string.Join(", ", missing)} in rij 1. "
                + "Zet de koppen van het format terug (de volgorde maakt niet uit).");
        return columns;
    }

    /// <summary>Checks the zip before anything opens it: entry count, declared and actual unpacked sizes, and the ratio.</summary>
    private static void CheckPackage(byte[] bytes, WerkboekOptions limits, CancellationToken ct)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw NotAWorkbook();
        }
        using (zip)
        {
            IReadOnlyCollection<ZipArchiveEntry> entries;
            try
            {
                entries = zip.Entries;
            }
            catch (InvalidDataException)
            {
                throw NotAWorkbook();
            }
            if (entries.Count > limits.MaxOnderdelen) throw TooBig();
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in entries)
            {
                ct.ThrowIfCancellationRequested();
                total += entry.Length;
                if (total > limits.MaxUitgepakt) throw TooBig();
                if (entry.Length > 10 * 1024 * 1024 && entry.Length > (long)limits.MaxVerhouding * Math.Max(1, entry.CompressedLength)) throw TooBig();
                // A zip may lie about sizes: count what really comes out, and stop as soon as it says more than declared.
                long actual = 0;
                try
                {
                    using var stream = entry.Open();
                    int read;
                    while ((read = stream.Read(buffer, 0, buffer.Length)) > 0)
                        if ((actual += read) > entry.Length) throw TooBig();
                }
                catch (InvalidDataException)
                {
                    throw NotAWorkbook();
                }
            }
        }
    }

    private static RequestException NotAWorkbook() =>
        Bad("Dit bestand is geen Excel-werkboek (.xlsx) of het is beschadigd. Sla het op als Excel-werkmap (.xlsx) en probeer het opnieuw.");

    private static RequestException TooBig() =>
        Bad("Dit werkboek pakt uit tot meer dan de API verwerkt (of is zo gemaakt dat het dat doet). Sla het opnieuw op in Excel, zonder extra tabbladen of afbeeldingen.");

    private static RequestException Bad(string detail) => new(StatusCodes.Status400BadRequest, detail);
}
