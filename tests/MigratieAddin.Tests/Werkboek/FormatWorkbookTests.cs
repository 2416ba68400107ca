using System.IO.Compression;
using System.Text.Json;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public class FormatWorkbookTests
{
    private static readonly List<Row> Demo = DemoExport.Rows();

    [Fact]
    public void TheFormatHasEveryTabOfTheFormatInOrder() =>
        Assert.Equal(FormatWorkbook.Tabs(Engine.EmbeddedCatalogus.Regio), Workbooks.SheetNames(Workbooks.Format(Demo)));

    [Fact]
    public void TheFormatHasNoErrorsInTheOpenXmlValidator() =>
        Assert.Empty(Workbooks.ValidationErrors(Workbooks.Format(Demo, [new("Anna", "de Vries", "a@zwolle.example", "038-1", "Contractmanager")])));

    [Fact]
    public void ToewijzingenHasTheHeadersAndEveryRowWithCodesAsTextAndDatesAsDates()
    {
        var sheet = Workbooks.Sheet(Workbooks.Format(Demo), FormatWorkbook.Toewijzingen);
        Assert.Equal(Columns.All.Select(c => c.Column.Header(Engine.EmbeddedCatalogus.Regio)), sheet[1].OrderBy(c => c.Key).Select(c => c.Value.Text));
        Assert.Equal(Demo.Count + 1, sheet.Count);
        var row = sheet[3]; // second demo row: 0175;98000055;Epsilon Logeerhuis;999976886;...;09-07-2005
        Assert.Equal(Cell.FromText("0175"), row[Column.Gemeentecode.Position()]);
        Assert.Equal(Cell.FromText("999976886"), row[Column.Bsn.Position()]);
        Assert.Equal(Cell.FromText("14"), row[Column.Eenheid.Position()]);
        Assert.True(ValueReader.TryDate(row[Column.Geboortedatum.Position()], out var born) && born == new DateOnly(2005, 7, 9));
        Assert.Equal(CellKind.Number, row[Column.Geboortedatum.Position()].Kind);
        Assert.Equal(230000141, row[Column.Toewijzingnummer.Position()].Number);
        Assert.False(row.ContainsKey(Column.Productcode2023.Position()));
    }

    [Fact]
    public void LostLeadingZerosComeBackAndWhatCannotBeReadIsKeptAsTyped()
    {
        var row = RijBuilder.Omzetting().With(Column.Gemeentecode, 193).With(Column.Bsn, 12345672).With(Column.Eenheid, 4)
            .With(Column.Geboortedatum, "ergens in 2010").With(Column.Volume, "1.000").Build();
        var cells = Workbooks.Sheet(Workbooks.Format([row]), FormatWorkbook.Toewijzingen)[2];
        Assert.Equal("0193", cells[Column.Gemeentecode.Position()].Text);
        Assert.Equal("012345672", cells[Column.Bsn.Position()].Text);
        Assert.Equal("04", cells[Column.Eenheid.Position()].Text);
        Assert.Equal("ergens in 2010", cells[Column.Geboortedatum.Position()].Text);
        Assert.Equal(1000, cells[Column.Volume.Position()].Number);
    }

    [Theory]
    [InlineData("=SUM(A1:A9)")]
    [InlineData("+31 6 1234")]
    [InlineData("-5")]
    [InlineData("@echo")]
    public void FormulaLikeTextIsWrittenAsTextNeverAsAFormula(string text)
    {
        var xlsx = Workbooks.Format([RijBuilder.Omzetting().With(Column.Naam, text).With(Column.OpmerkingAanbieder, text).Build()]);
        var cells = Workbooks.Sheet(xlsx, FormatWorkbook.Toewijzingen)[2];
        Assert.Equal(Cell.FromText(text), cells[Column.Naam.Position()]);
        using var zip = new ZipArchive(new MemoryStream(xlsx));
        foreach (var entry in zip.Entries.Where(e => e.FullName.StartsWith("xl/worksheets/")))
            Assert.DoesNotContain("<x:f>", new StreamReader(entry.Open()).ReadToEnd());
    }

    [Fact]
    public void CharactersXmlCannotHoldAreKeptTheWayExcelEscapesThem()
    {
        var xlsx = Workbooks.Format([RijBuilder.Omzetting().With(Column.OpmerkingAanbieder, "a\u0001b\u001Fc").Build()]);
        Assert.Empty(Workbooks.ValidationErrors(xlsx));
        Assert.Equal("a\u0001b\u001Fc", Workbooks.Sheet(xlsx, FormatWorkbook.Toewijzingen)[2][Column.OpmerkingAanbieder.Position()].Text);
    }

    [Fact]
    public void ToelichtingCarriesTheStepsAndDatesOfTheRegion()
    {
        var sheet = Workbooks.Sheet(Workbooks.Format(Demo), FormatWorkbook.Toelichting);
        var texts = sheet.Values.SelectMany(r => r.Values).Where(c => c.Kind == CellKind.Text).Select(c => c.Text!).ToList();
        Assert.Contains("Format controleren en retour sturen", texts);
        Assert.Contains(texts, t => t.Contains("IJsselland"));
        var stap5 = sheet.Values.Single(r => r.TryGetValue(2, out var c) && c.Text == "Format controleren en retour sturen");
        Assert.True(ValueReader.TryDate(stap5[3], out var d) && d == new DateOnly(2022, 12, 23));
    }

    [Fact]
    public void ContactpersonenHoldsTheGemeentesContacts()
    {
        var sheet = Workbooks.Sheet(Workbooks.Format(Demo, [new("Anna", "de Vries", "a@zwolle.example", "038-1234567", "Contractmanager")]), FormatWorkbook.Contactpersonen);
        Assert.Equal(["Gemeente Zwolle", "Anna", "de Vries", "a@zwolle.example", "038-1234567", "Contractmanager"], sheet[2].Values.Select(c => c.Text));
        Assert.Equal(2, sheet.Count);
    }

    [Fact]
    public void LibreOfficeReadsBackEverySheetRowAndValue()
    {
        var sheets = ExternalReaders.LibreOfficeSheets(Workbooks.Format(Demo, [new("Anna", "de Vries", "a@zwolle.example", "038-1", "Contractmanager")]));
        Assert.Equal(FormatWorkbook.Tabs(Engine.EmbeddedCatalogus.Regio).Order(), sheets.Keys.Order());
        var toewijzingen = sheets[FormatWorkbook.Toewijzingen];
        Assert.Equal(Columns.All.Select(c => c.Column.Header(Engine.EmbeddedCatalogus.Regio)), toewijzingen[0]);
        Assert.Equal(Demo.Count + 1, toewijzingen.Count);
        for (var i = 0; i < Demo.Count; i++)
        {
            var read = toewijzingen[i + 1];
            foreach (var column in new[] { Column.Gemeentecode, Column.AanbiederAgb, Column.AanbiederNaam, Column.Bsn, Column.Naam, Column.Toewijzingnummer, Column.Productcode2022, Column.Volume, Column.Eenheid, Column.Frequentie })
                Assert.Equal(Demo[i][column].Text, read[(int)column]);
            foreach (var column in new[] { Column.Geboortedatum, Column.Ingangsdatum, Column.Einddatum })
                Assert.Equal(Date(Demo[i][column].Text!), Date(read[(int)column]));
        }
        Assert.Equal(Engine.EmbeddedCatalogus.Producten2023.Count + 1, sheets[FormatWorkbook.Producten2023(Engine.EmbeddedCatalogus.Regio)].Count);
        Assert.Equal(Engine.EmbeddedCatalogus.Aanbieders.Count + 1, sheets[FormatWorkbook.GegundeAanbieders(Engine.EmbeddedCatalogus.Regio)].Count);
    }

    [Fact]
    public void OpenpyxlReadsBackTheValuesTheLayoutAndTheDropdown()
    {
        var read = ExternalReaders.Openpyxl(Workbooks.Format(Demo));
        Assert.Equal(FormatWorkbook.Tabs(Engine.EmbeddedCatalogus.Regio), read.GetProperty("sheets").EnumerateArray().Select(s => s.GetString()));
        var rows = read.GetProperty("data").GetProperty(FormatWorkbook.Toewijzingen).EnumerateArray().ToList();
        Assert.Equal(Demo.Count + 1, rows.Count);
        var first = rows[1].EnumerateArray().ToList();
        Assert.Equal("1708", first[Column.Gemeentecode.Position()].GetString());
        Assert.Equal("999925702", first[Column.Bsn.Position()].GetString());
        Assert.Equal("2008-09-21", first[Column.Geboortedatum.Position()].GetString());
        Assert.Equal(230000111, first[Column.Toewijzingnummer.Position()].GetInt64());
        Assert.Equal("dd-mm-yyyy", read.GetProperty("formats").GetProperty(FormatWorkbook.Toewijzingen)[0][Column.Geboortedatum.Position()].GetString());
        Assert.Equal("A2", read.GetProperty("freeze").GetProperty(FormatWorkbook.Toewijzingen).GetString());
        Assert.Equal($"A1:Y{Demo.Count + 1}", read.GetProperty("filter").GetProperty(FormatWorkbook.Toewijzingen).GetString());
        Assert.Equal(["W", "Y"], read.GetProperty("hidden").GetProperty(FormatWorkbook.Toewijzingen).EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("'Producten 2023'!$B$2:$B$16", read.GetProperty("validations").GetProperty(FormatWorkbook.Toewijzingen)[0].GetString());
        Assert.Equal(4, read.GetProperty("conditional").GetProperty(FormatWorkbook.Toewijzingen).GetInt32());
    }

    private static DateOnly Date(string text) =>
        DateOnly.TryParseExact(text, ["dd-MM-yyyy", "MM/dd/yyyy", "yyyy-MM-dd"], System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var d)
            ? d : throw new FormatException($"not a date: {text.Length} characters");
}
