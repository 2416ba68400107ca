using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>ECMA-376 ST_Xstring: the writer escapes as Excel does, the reader decodes as Excel does, so every text survives.</summary>
public class XstringTests
{
    [Theory]
    [InlineData("_x0041_")]
    [InlineData("Jan _x0041_ Jansen")]
    [InlineData("a_x2f6B_b")]
    [InlineData("_x0041_x0042_")]
    [InlineData("_x1234\u0001")]
    [InlineData("_x00_x1234_")]
    [InlineData("_x005F_")]
    [InlineData("regel\r\nregel")]
    [InlineData("bel\u0007 en \uD83D\uDE00")]
    [InlineData("_X0041_ en _x12G4_")]
    public void LiteralTextSurvivesTheWriterAndTheReader(string text)
    {
        var xlsx = Workbooks.Format([RijBuilder.Omzetting().With(Column.OpmerkingAanbieder, "x" + text + "x").Build()]);
        Assert.Equal("x" + text + "x", Workbooks.Sheet(xlsx, FormatWorkbook.Toewijzingen)[2][Column.OpmerkingAanbieder.Position()].Text);
    }

    [Theory]
    [InlineData("_x0041_", "_x005F_x0041_")]
    [InlineData("_x0041_x0042_", "_x005F_x0041_x005F_x0042_")]
    [InlineData("_x1234\u0001", "_x005F_x1234_x0001_")]
    [InlineData("a\rb", "a_x000D_b")]
    [InlineData("_x12 en _", "_x12 en _")]
    public void TheWriterEscapesAsExcelDoes(string text, string written) => Assert.Equal(written, XlsxWriter.XmlSafe(text));

    [Fact]
    public void LibreOfficeReadsTheEscapedTextAsWritten()
    {
        // openpyxl is no witness here: it leaves escapes in inline strings undecoded (it decodes them in shared strings only).
        var xlsx = Workbooks.Format([RijBuilder.Omzetting().With(Column.OpmerkingAanbieder, "a_x2f6B_b _x0041_").Build()]);
        var rows = ExternalReaders.LibreOfficeSheets(xlsx)[FormatWorkbook.Toewijzingen];
        Assert.Equal("a_x2f6B_b _x0041_", rows[1][Column.OpmerkingAanbieder.Position()]);
    }

    private static Validator Validator => new(Engine.EmbeddedCatalogus, Engine.TestSealer);

    private static List<string> SealMeldingen(byte[] xlsx)
    {
        var workbook = ReturnedWorkbook.Read(xlsx, new WerkboekOptions(), Engine.EmbeddedCatalogus.Regio);
        var report = Validator.Validate(workbook.Rows, Fase.Controle, workbook.Verzegeling);
        string[] seal = ["GEEN_VERZEGELING", "VERZEGELING_ONGELDIG", "BLAUW_GEWIJZIGD", "REGEL_TOEGEVOEGD", "REGEL_VERWIJDERD"];
        return report.Rijen.SelectMany(r => r.Meldingen).Concat(report.Meldingen).Select(m => m.Code).Where(seal.Contains).ToList();
    }

    [Fact]
    public void ASealAndNamesContainingEscapesVerifyUnchanged()
    {
        // The seal's lines and the Regel-IDs contain _x2f6B_, as a MAC in base64url may; the name contains _x0041_.
        var werkboekId = "Ab_x2f6B_";
        var rows = new List<Row> { RijBuilder.Omzetting().With(Column.Naam, "Jan _x0041_ Jansen").Build() };
        rows[0][Column.RegelId] = Cell.FromText(Seal.RegelId(werkboekId, 1));
        using var stream = new MemoryStream();
        FormatWorkbook.Write(stream, rows, Engine.EmbeddedCatalogus, [], "Zwolle", Seal.Of(werkboekId, rows, Engine.TestSealer).Lines());
        Assert.Empty(SealMeldingen(stream.ToArray()));
    }

    [Fact]
    public void AnUnchangedSealedWorkbookWithManyRowsVerifies()
    {
        var builders = Enumerable.Range(0, 5_000).Select(i => RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230_000_001 + i)
            .With(Column.Naam, i % 7 == 0 ? $"Kind _x{i % 0x10000:X4}_" : $"Kind {i}")).ToArray();
        var zending = Zending.Of(builders);
        Assert.Empty(SealMeldingen(zending.Returned()));
    }
}
