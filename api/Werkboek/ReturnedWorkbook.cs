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
    /// <summary>Deepest nesting of elements in any XML part (Excel's own parts stay far below; a parser recursing deeper
    /// could overflow the stack and take the process down).</summary>
    public int MaxDiepte { get; set; } = 100;
    /// <summary>Most filled cells on the Toewijzingen tab (50,000 rows of the format hold 1.25 million).</summary>
    public int MaxCellen { get; set; } = SheetLimits.Default.MaxCellen;
    /// <summary>Most items in the workbook's shared string table.</summary>
    public int MaxGedeeldeTeksten { get; set; } = SheetLimits.Default.MaxGedeeldeTeksten;
    /// <summary>Uploads (a workbook, CSV or zip) one instance handles at the same time; more get a 503 with Retry-After.
    /// Each holds its file and what is read from it in memory, so this bounds the process's memory.</summary>
    public int GelijktijdigeUploads { get; set; } = 2 * Environment.ProcessorCount;

    public SheetLimits SheetLimits => new(MaxCellen, MaxGedeeldeTeksten);

    /// <summary>The same limits with fewer rows allowed (what a batch has left).</summary>
    public WerkboekOptions WithMaxRijen(int maxRijen)
    {
        var copy = (WerkboekOptions)MemberwiseClone();
        copy.MaxRijen = maxRijen;
        return copy;
    }
}

/// <summary>A workbook that came back: its rows as the rules read them (row numbers as in Excel), its seal (the lines of
/// the seal sheet's column A; null without that sheet), and where each column of the format stands.</summary>
public sealed record ReturnedWorkbook(IReadOnlyList<Row> Rows, IReadOnlyList<string>? Verzegeling, IReadOnlyDictionary<Column, int> ColumnIndexes)
{
    /// <summary>Reads an uploaded .xlsx safely: the zip and the nesting of every XML part are checked before the package is
    /// opened, and the package is opened from the upload's bytes in memory.</summary>
    public static ReturnedWorkbook Read(byte[] bytes, WerkboekOptions limits, RegioSettings regio, CancellationToken ct = default)
    {
        CheckPackage(bytes, limits, ct);
        try
        {
            return ReadPackage(bytes, limits, regio, ct);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or InvalidOperationException
                                      or FileFormatException or KeyNotFoundException or FormatException or ArgumentException or NotSupportedException
                                      or InvalidCastException or UriFormatException)
        {
            // A part that is not what it claims (a DTD, an entity bomb, broken XML): refused, never a 500.
            throw WorkbookException.Damaged();
        }
    }

    private static ReturnedWorkbook ReadPackage(byte[] bytes, WerkboekOptions limits, RegioSettings regio, CancellationToken ct)
    {
        using var package = Open(bytes, limits, out var document);
        using (document)
        {
            if (document.WorkbookPart?.Workbook is null) throw WorkbookException.NotAWorkbook();
            var names = XlsxReader.SheetNames(document);
            var part = XlsxReader.VisibleSheet(document, FormatWorkbook.Toewijzingen);
            // Rows are built as the cells stream in (rows arrive in ascending order): no map of the whole sheet is held.
            var headers = new Dictionary<int, Cell>();
            Dictionary<Column, int>? columns = null;
            Column?[] byIndex = [];
            var rows = new List<Row>();
            Row? current = null;
            void Finish()
            {
                if (current is null || current.IsEmpty) return;
                if (rows.Count == limits.MaxRijen) throw WorkbookException.TooManyRows(FormatWorkbook.Toewijzingen, limits.MaxRijen);
                rows.Add(current);
            }
            void Cell(int number, int index, Cell value)
            {
                if (number == 1) { headers[index] = value; return; }
                if (columns is null)
                {
                    columns = HeaderColumns(headers, regio);
                    byIndex = new Column?[columns.Values.Max() + 1];
                    foreach (var (column, at) in columns) byIndex[at] = column;
                }
                if (current?.Number != number)
                {
                    Finish();
                    current = new Row(number);
                }
                if (index < byIndex.Length && byIndex[index] is { } target) current[target] = value;
            }
            try
            {
                XlsxReader.ReadCells(document, part, FormatWorkbook.Toewijzingen, Cell, limits.SheetLimits, ct);
            }
            catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or System.Xml.XmlException or InvalidOperationException)
            {
                throw WorkbookException.SheetDamaged(FormatWorkbook.Toewijzingen);
            }
            Finish();
            columns ??= HeaderColumns(headers, regio);
            List<string>? seal = null;
            if (names.Contains(MigratieAddin.Api.Seal.Sheet))
            {
                // Column A line by line, as the cells stream in: the seal of 50,000 rows is never one text.
                var lines = seal = new List<string>(rows.Count + 1);
                XlsxReader.ReadCells(document, XlsxReader.SheetPart(document, MigratieAddin.Api.Seal.Sheet), MigratieAddin.Api.Seal.Sheet,
                    (_, index, value) => { if (index == 0) lines.Add(value.AsText()); }, ct: ct);
            }
            return new ReturnedWorkbook(rows, seal, columns);
        }
    }

    /// <summary>Opens the package read-only over the bytes in memory. The SDK copies a stream it may not write to into a temp
    /// file (to rewrite malformed link addresses); a package opened here has no stream for it to copy, so nothing touches disk.</summary>
    private static System.IO.Packaging.Package Open(byte[] bytes, WerkboekOptions limits, out SpreadsheetDocument document)
    {
        System.IO.Packaging.Package? package = null;
        try
        {
            package = System.IO.Packaging.Package.Open(new MemoryStream(bytes, writable: false), FileMode.Open, FileAccess.Read);
            document = SpreadsheetDocument.Open(package, new OpenSettings { MaxCharactersInPart = limits.MaxUitgepakt / 2 });
            return package;
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or FileFormatException or IOException or InvalidOperationException
                                      or System.Xml.XmlException or ArgumentException or NotSupportedException or UriFormatException)
        {
            package?.Close();
            throw WorkbookException.NotAWorkbook();
        }
    }

    private static Dictionary<Column, int> HeaderColumns(Dictionary<int, Cell> headers, RegioSettings regio)
    {
        var columns = new Dictionary<Column, int>();
        foreach (var (index, cell) in headers.OrderBy(h => h.Key))
            if (cell.Kind == CellKind.Text && Columns.TryFromHeaderOrKey(cell.Text!, regio, out var column)) columns.TryAdd(column, index);
        var missing = Columns.All.Where(c => c.Colour is Colour.Blue or Colour.Yellow && !columns.ContainsKey(c.Column)).Select(c => c.Column.Header(regio)).ToList();
        if (missing.Count > 0) throw WorkbookException.MissingHeaders(FormatWorkbook.Toewijzingen, missing);
        return columns;
    }

    /// <summary>Checks the zip before anything opens it, in one pass over every entry: entry count, declared and actual
    /// unpacked sizes, the ratio, and how deep the elements of each XML part nest.</summary>
    private static void CheckPackage(byte[] bytes, WerkboekOptions limits, CancellationToken ct)
    {
        ZipArchive zip;
        try
        {
            zip = new ZipArchive(new MemoryStream(bytes, writable: false), ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw WorkbookException.NotAWorkbook();
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
                throw WorkbookException.NotAWorkbook();
            }
            if (entries.Count > limits.MaxOnderdelen) throw WorkbookException.TooBig();
            long total = 0;
            var buffer = new byte[81920];
            foreach (var entry in entries)
            {
                ct.ThrowIfCancellationRequested();
                total += entry.Length;
                if (total > limits.MaxUitgepakt) throw WorkbookException.TooBig();
                if (entry.Length > 10 * 1024 * 1024 && entry.Length > (long)limits.MaxVerhouding * Math.Max(1, entry.CompressedLength)) throw WorkbookException.TooBig();
                try
                {
                    using var stream = new DeclaredLengthStream(entry.Open(), entry.Length);
                    PackageXml.Check(stream, limits.MaxDiepte, limits.MaxGedeeldeTeksten, ct);
                    while (stream.Read(buffer, 0, buffer.Length) > 0) { }
                }
                catch (InvalidDataException)
                {
                    throw WorkbookException.NotAWorkbook();
                }
            }
        }
    }
}
