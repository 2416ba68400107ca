using System.IO.Compression;
using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MigratieAddin.Api;

/// <summary>Writes Status and Meldingen into a returned workbook and changes nothing else: the aanbieder's values,
/// formatting and extra tabs stay as they are. Every zip entry is copied as it is; only the Toewijzingen sheet is
/// streamed through <see cref="StatusSheet"/>, so memory stays near the size of the upload whatever the row count.</summary>
public static class StatusWriter
{
    public static byte[] Fill(byte[] original, ReturnedWorkbook workbook, Beoordeling report, CancellationToken ct = default)
    {
        try
        {
            return FillPackage(original, workbook, report, ct);
        }
        catch (Exception e) when (e is XmlException or InvalidDataException or OpenXmlPackageException or FileFormatException or IOException
                                      or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            throw Damaged();
        }
    }

    private static byte[] FillPackage(byte[] original, ReturnedWorkbook workbook, Beoordeling report, CancellationToken ct)
    {
        var sheetEntry = ToewijzingenEntry(original);
        using var source = new ZipArchive(new MemoryStream(original, writable: false), ZipArchiveMode.Read);
        var sheet = source.Entries.Where(e => SameName(e.FullName, sheetEntry)).ToList() is [var single] ? single : throw Damaged();

        var last = -1;
        if (!workbook.ColumnIndexes.ContainsKey(Column.Status) || !workbook.ColumnIndexes.ContainsKey(Column.Meldingen))
            using (var stream = sheet.Open()) last = StatusSheet.LastColumn(stream, ct);
        var status = workbook.ColumnIndexes.TryGetValue(Column.Status, out var s) ? s : ++last;
        var meldingen = workbook.ColumnIndexes.TryGetValue(Column.Meldingen, out var m) ? m : ++last;
        var statusFirst = status < meldingen;
        string[] Ordered(string statusText, string meldingenText) => statusFirst ? [statusText, meldingenText] : [meldingenText, statusText];

        var texts = new Dictionary<int, string[]> { [1] = Ordered(Columns.All[(int)Column.Status].Header, Columns.All[(int)Column.Meldingen].Header) };
        foreach (var rij in report.Rijen)
            if (rij.Rij is { } number)
                texts[number] = Ordered(rij.Status.ToString().ToLowerInvariant(), string.Join(" | ", rij.Meldingen.Select(x => x.Tekst)));
        var rewriter = new StatusSheet(statusFirst ? [status, meldingen] : [meldingen, status], texts);

        using var output = new MemoryStream(original.Length + original.Length / 4);
        using (var target = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in source.Entries)
            {
                ct.ThrowIfCancellationRequested();
                using var from = entry.Open();
                using var to = target.CreateEntry(entry.FullName, CompressionLevel.Fastest).Open();
                if (entry == sheet) rewriter.Rewrite(from, to, ct);
                else from.CopyTo(to);
            }
        }
        return output.ToArray();
    }

    /// <summary>Refuses active content and finds the zip entry of the Toewijzingen sheet, the way ReturnedWorkbook finds it.</summary>
    private static string ToewijzingenEntry(byte[] original)
    {
        // Package.Open straight on memory: SpreadsheetDocument.Open(stream, false) would copy the upload to a temp file.
        using var package = Package.Open(new MemoryStream(original, writable: false), FileMode.Open, FileAccess.Read);
        if (ActiveContent.Find(package) is { Count: > 0 } kinds)
            throw new RequestException(StatusCodes.Status400BadRequest,
                $"Dit werkboek bevat {ActiveContent.List(kinds)}. Zulke actieve inhoud zet de API niet in een gecontroleerd werkboek. "
                + "Sla het werkboek op als Excel-werkmap (.xlsx) zonder deze onderdelen (verbreek koppelingen via Gegevens > Koppelingen bewerken), "
                + "of gebruik het rapport zonder ?formaat=xlsx.");
        using var document = SpreadsheetDocument.Open(package);
        var workbookPart = document.WorkbookPart ?? throw Damaged();
        var sheet = workbookPart.Workbook.Sheets?.Elements<Sheet>()
            .FirstOrDefault(s => string.Equals(s.Name?.Value?.Trim(), FormatWorkbook.Toewijzingen, StringComparison.OrdinalIgnoreCase));
        if (sheet?.Id?.Value is not { } id || workbookPart.GetPartById(id) is not WorksheetPart part) throw Damaged();
        return part.Uri.OriginalString;
    }

    private static bool SameName(string entry, string partUri) =>
        string.Equals(Uri.UnescapeDataString(entry), Uri.UnescapeDataString(partUri.TrimStart('/')), StringComparison.OrdinalIgnoreCase);

    internal static RequestException Damaged() => new(StatusCodes.Status400BadRequest,
        "Status en Meldingen konden niet in dit werkboek worden gezet, omdat het tabblad Toewijzingen of een ander onderdeel beschadigd is. "
        + "Sla het werkboek opnieuw op in Excel, of gebruik het rapport zonder ?formaat=xlsx.");

    internal static RequestException RowOutOfOrder(int number) => new(StatusCodes.Status400BadRequest,
        Invariant($"Op het tabblad Toewijzingen staat rij {number} twee keer, of niet op volgorde. Excel schrijft elke rij één keer en op volgorde; ")
        + "zo'n werkboek kan de API niet aanvullen zonder het te beschadigen. Sla het werkboek opnieuw op in Excel, of gebruik het rapport zonder ?formaat=xlsx.");
}
