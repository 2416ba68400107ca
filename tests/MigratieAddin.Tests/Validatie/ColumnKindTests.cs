using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>Each column's value kind, defined once in the column table, decides how a cell is written and sealed.</summary>
public class ColumnKindTests
{
    [Fact]
    public void TheCodeColumnsAreExactlyTheTextFormattedOnesAndEachNamesItsDigits()
    {
        Assert.Equal([Column.Gemeentecode, Column.AanbiederAgb, Column.Bsn, Column.Eenheid], Columns.TextFormatted.Order());
        Assert.All(Columns.All.Where(c => c.Waarde == Waarde.Code), c => Assert.InRange(c.Cijfers, 2, 9));
        Assert.All(Columns.All.Where(c => c.Waarde != Waarde.Code), c => Assert.Equal(0, c.Cijfers));
    }

    [Theory]
    [InlineData(Column.Gemeentecode, 193d, "0193")]
    [InlineData(Column.Eenheid, 4d, "04")]
    [InlineData(Column.Toewijzingnummer, 230000001d, "230000001")]
    [InlineData(Column.Volume2023, 7.5d, "7.5")]
    [InlineData(Column.Budget2023, 2500d, "2500")]
    public void ANumberIsWrittenAndSealedByItsColumnsKind(Column column, double number, string sealed_)
    {
        var cell = Cell.FromNumber(number);
        Assert.Equal(sealed_, Seal.SealValue(column, cell));
        var written = FormatWorkbook.CellFor(column, cell);
        if (column.Info().Waarde == Waarde.Code) Assert.Equal(XlsxCell.Of(sealed_, Stijl.Tekst), written);
    }

    [Fact]
    public void TheInputColumnsAreTheBlueAndYellowOnesOfTheDefinitionInSheetOrder()
    {
        Assert.Equal(Columns.All.Where(c => c.Colour is Colour.Blue or Colour.Yellow).Select(c => c.Column), Columns.Input);
        Assert.Equal(Enumerable.Range(0, Columns.Count), Columns.All.Select(c => c.Column.Position()));
        Assert.Equal(Enum.GetValues<Column>().Order(), Columns.All.Select(c => c.Column).Order());
    }

    [Fact]
    public void NoCodeOfTheApiTurnsANumberIntoAColumnSoNothingHangsOnTheEnumsOrder()
    {
        var casts = FeatureDependencyTests.ApiSources()
            .Where(f => Path.GetFileName(f.File) != "Columns.cs")
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(f.Code, @"\(Column\)\s*[\w(]|\(int\)\s*Column\.\w+").Select(m => $"{f.File}: {m.Value}"))
            .ToList();
        Assert.Empty(casts);
    }

    [Fact]
    public void ADateSealsTheSameWhetherTypedAsTextOrStoredAsASerial()
    {
        Assert.Equal("2022-03-01", Seal.SealValue(Column.Ingangsdatum, Cell.FromText("01-03-2022")));
        Assert.Equal(Seal.SealValue(Column.Ingangsdatum, Cell.FromText("01-03-2022")), Seal.SealValue(Column.Ingangsdatum, Cell.FromNumber(44621)));
    }
}
