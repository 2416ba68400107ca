using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Validation;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public static class Workbooks
{
    public static byte[] Format(IEnumerable<Row> rows, IReadOnlyList<Contactpersoon>? contacts = null)
    {
        using var stream = new MemoryStream();
        FormatWorkbook.Write(stream, rows, Engine.EmbeddedCatalogus, contacts ?? [], "Zwolle");
        return stream.ToArray();
    }

    public static List<string> ValidationErrors(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return new OpenXmlValidator().Validate(document).Select(e => $"{e.Part?.Uri}: {e.Description} ({e.Path?.XPath})").ToList();
    }

    public static SortedDictionary<int, Dictionary<int, Cell>> Sheet(byte[] xlsx, string name)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return XlsxReader.ReadSheet(document, name);
    }

    public static IReadOnlyList<string> SheetNames(byte[] xlsx)
    {
        using var document = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        return XlsxReader.SheetNames(document);
    }
}
