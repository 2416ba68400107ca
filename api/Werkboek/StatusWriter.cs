using System.IO.Compression;
using System.IO.Packaging;
using System.Xml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace MigratieAddin.Api;

/// <summary>Writes Status and Meldingen into a returned workbook and changes nothing else: the aanbieder's values,
/// formatting and extra tabs stay as they are. Every zip entry is copied as it is; only the Toewijzingen sheet is
/// streamed through <see cref="StatusSheet"/>. Everything that can refuse the workbook is checked first
/// (<see cref="Prepare"/>); the new workbook is then streamed straight to its destination (the response), so memory
/// does not grow with the size of the answer.</summary>
public static class StatusWriter
{
    /// <summary>The filled workbook as bytes (tests, tools): <see cref="Prepare"/> and <see cref="FilledWorkbook.WriteAsync"/> into memory.</summary>
    public static byte[] Fill(byte[] original, ReturnedWorkbook workbook, Beoordeling report, CancellationToken ct = default)
    {
        var filled = Prepare(original, workbook, report, ct);
        using var output = new MemoryStream(original.Length + original.Length / 4);
        // Over a MemoryStream every write completes at once: nothing here waits on anything.
        filled.WriteAsync(output, ct).GetAwaiter().GetResult();
        return output.ToArray();
    }

    /// <summary>Refuses active content, finds the Toewijzingen sheet and where Status and Meldingen go, and sets their
    /// texts: a <see cref="RequestException"/> here comes before anything of the answer is written.</summary>
    public static FilledWorkbook Prepare(byte[] original, ReturnedWorkbook workbook, Beoordeling report, CancellationToken ct = default)
    {
        try
        {
            return PreparePackage(original, workbook, report, ct);
        }
        catch (Exception e) when (e is XmlException or InvalidDataException or OpenXmlPackageException or FileFormatException or IOException
                                      or InvalidOperationException or ArgumentException or KeyNotFoundException)
        {
            throw Damaged();
        }
    }

    private static FilledWorkbook PreparePackage(byte[] original, ReturnedWorkbook workbook, Beoordeling report, CancellationToken ct)
    {
        var sheetEntry = ToewijzingenEntry(original);
        using var source = new ZipArchive(new MemoryStream(original, writable: false), ZipArchiveMode.Read);
        var sheet = source.Entries.Where(e => SameName(e.FullName, sheetEntry)).ToList() is [var single] ? single : throw Damaged();
        using (var stream = sheet.Open())
        using (var reader = XmlReader.Create(stream, new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null }))
            if (reader.MoveToContent() != XmlNodeType.Element || reader.LocalName != "worksheet") throw Damaged();

        var last = -1;
        if (!workbook.ColumnIndexes.ContainsKey(Column.Status) || !workbook.ColumnIndexes.ContainsKey(Column.Meldingen))
            using (var stream = sheet.Open()) last = StatusSheet.LastColumn(stream, ct);
        var status = workbook.ColumnIndexes.TryGetValue(Column.Status, out var s) ? s : ++last;
        var meldingen = workbook.ColumnIndexes.TryGetValue(Column.Meldingen, out var m) ? m : ++last;
        var statusFirst = status < meldingen;
        string[] Ordered(string statusText, string meldingenText) => statusFirst ? [statusText, meldingenText] : [meldingenText, statusText];

        var texts = new Dictionary<int, string[]> { [1] = Ordered(Column.Status.Info().Header, Column.Meldingen.Info().Header) };
        foreach (var rij in report.Rijen)
            if (rij.Rij is { } number)
                texts[number] = Ordered(rij.Status.ToString().ToLowerInvariant(), string.Join(" | ", rij.Meldingen.Select(x => x.Tekst)));
        return new FilledWorkbook(original, sheet.FullName, new StatusSheet(statusFirst ? [status, meldingen] : [meldingen, status], texts));
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

/// <summary>A returned workbook ready to be written with Status and Meldingen: once, to any stream, asynchronously (a
/// zip written forward only, so the response can take it as it is made).</summary>
public sealed class FilledWorkbook
{
    private readonly byte[] _original;
    private readonly string _sheetEntry;
    private readonly StatusSheet _rewriter;

    internal FilledWorkbook(byte[] original, string sheetEntry, StatusSheet rewriter)
    {
        _original = original;
        _sheetEntry = sheetEntry;
        _rewriter = rewriter;
    }

    public async Task WriteAsync(Stream destination, CancellationToken ct)
    {
        using var source = new ZipArchive(new MemoryStream(_original, writable: false), ZipArchiveMode.Read);
        // The zip classes still finish an entry with a synchronous write, which the response refuses: they write into this
        // bridge, which sends on to the response asynchronously, 64 KB at a time.
        await using var bridge = new AsyncWriteBridge(destination);
        await using (var target = await ZipArchive.CreateAsync(bridge, ZipArchiveMode.Create, leaveOpen: true, entryNameEncoding: null, ct))
        {
            foreach (var entry in source.Entries)
            {
                ct.ThrowIfCancellationRequested();
                using (var from = entry.Open())
                using (var to = await target.CreateEntry(entry.FullName, CompressionLevel.Fastest).OpenAsync(ct))
                {
                    if (entry.FullName == _sheetEntry) await _rewriter.RewriteAsync(from, to, ct);
                    else await from.CopyToAsync(to, ct);
                }
                await bridge.FlushAsync(ct);
            }
        }
        await bridge.FlushAsync(ct);
    }
}

/// <summary>A write-only stream in front of one that allows only asynchronous writes (the response): a synchronous write
/// is kept until the next asynchronous write or flush sends it; asynchronous writes are gathered and sent 64 KB at a time.</summary>
public sealed class AsyncWriteBridge(Stream inner) : Stream
{
    private const int SendAt = 64 * 1024;
    private readonly MemoryStream _pending = new(80 * 1000); // below the large object heap's threshold

    public override void Write(byte[] buffer, int offset, int count) => _pending.Write(buffer, offset, count);
    public override void Write(ReadOnlySpan<byte> buffer) => _pending.Write(buffer);

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        _pending.Write(buffer.Span);
        if (_pending.Length >= SendAt) await SendAsync(cancellationToken);
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        await SendAsync(cancellationToken);
        await inner.FlushAsync(cancellationToken);
    }

    private async ValueTask SendAsync(CancellationToken ct)
    {
        if (_pending.Length == 0) return;
        await inner.WriteAsync(_pending.GetBuffer().AsMemory(0, (int)_pending.Length), ct);
        _pending.SetLength(0);
    }

    public override void Flush() { } // sent by the next asynchronous write or flush

    public override bool CanRead => false;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    public override async ValueTask DisposeAsync()
    {
        await SendAsync(default);
        await _pending.DisposeAsync();
        await base.DisposeAsync();
    }
}
