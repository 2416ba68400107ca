using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json.Nodes;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public class RowsRequestReaderTests
{
    private static IReadOnlyList<Row> Read(params JsonObject[] waarden) =>
        RowsRequestReader.Read(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["fase"] = "aanbieder",
            ["rijen"] = new JsonArray([.. waarden.Select((w, i) => (JsonNode)new JsonObject { ["rij"] = i + 2, ["waarden"] = w })]),
        }.ToJsonString()), 100_000).Rijen;

    [Fact]
    public void ATextThatRepeatsFromRowToRowIsOneStringForAllItsRows()
    {
        var rows = Read([.. Enumerable.Range(0, 100).Select(i => new JsonObject { ["aanbiederNaam"] = "Zorggroep De Linde", ["productcode2023"] = i % 2 == 0 ? "44A08" : "44A09" })]);
        var first = rows[0][Column.AanbiederNaam].Text;
        Assert.Equal("Zorggroep De Linde", first);
        Assert.All(rows, r => Assert.Same(first, r[Column.AanbiederNaam].Text));
        Assert.Equal(2, rows.Select(r => r[Column.Productcode2023].Text).Distinct(ReferenceEqualityComparer.Instance).Count());
    }

    [Fact]
    public void ARepeatedTextWithSpacesAroundItIsStillTrimmedAndTheSameTextWithoutIsUntouched()
    {
        var rows = Read(new JsonObject { ["naam"] = "Zorg BV" }, new JsonObject { ["naam"] = "  Zorg BV " }, new JsonObject { ["naam"] = "Zorg BV" },
            new JsonObject { ["naam"] = " Zorg BV" }, new JsonObject { ["naam"] = "Zorg BV." });
        Assert.Equal(["Zorg BV", "Zorg BV", "Zorg BV", "Zorg BV", "Zorg BV."], rows.Select(r => r[Column.Naam].Text));
    }

    [Fact]
    public void AnEscapedTextIsReadAsItsPlainForm()
    {
        var json = """{"fase":"aanbieder","rijen":[{"rij":2,"waarden":{"aanbiederNaam":"Zorg BV"}},{"rij":3,"waarden":{"aanbiederNaam":"Zorg\u0020BV"}},{"rij":4,"waarden":{"aanbiederNaam":"Zorg \u00e9\u00e9n"}}]}""";
        var rows = RowsRequestReader.Read(Encoding.UTF8.GetBytes(json), 10).Rijen;
        Assert.Equal(["Zorg BV", "Zorg BV", "Zorg één"], rows.Select(r => r[Column.AanbiederNaam].Text));
    }

    [Fact]
    public void KeysInAnotherOrderOrCaseInALaterRowAreReadTheSame()
    {
        var json = """
            {"fase":"aanbieder","rijen":[
              {"rij":2,"waarden":{"gemeentecode":"0193","bsn":"999925702","volume":7,"onbekend":1}},
              {"rij":3,"waarden":{"volume":7,"BSN":"999925702","Gemeentecode":"0193"}},
              {"rij":4,"waarden":{"bsn":"999925702","gemeentecode":"0193","volume":7}}]}
            """;
        var rows = RowsRequestReader.Read(Encoding.UTF8.GetBytes(json), 10).Rijen;
        Assert.All(rows, r =>
        {
            Assert.Equal(Cell.FromText("0193"), r[Column.Gemeentecode]);
            Assert.Equal(Cell.FromText("999925702"), r[Column.Bsn]);
            Assert.Equal(Cell.FromNumber(7), r[Column.Volume]);
            Assert.Equal(3, r.Cells.Count(c => !c.IsEmpty));
        });
    }

    [Fact]
    public void ValuesThatNeverRepeatAreEachReadExactly()
    {
        var names = Enumerable.Range(0, 500).Select(i => $"Jeugdige {i}").ToList();
        var rows = Read([.. names.Select(n => new JsonObject { ["naam"] = n, ["bsn"] = n.Length.ToString() })]);
        Assert.Equal(names, rows.Select(r => r[Column.Naam].Text));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("7")]
    [InlineData("44621")]
    [InlineData("999999999999999")]
    [InlineData("1234567890123456")]
    [InlineData("-3")]
    [InlineData("2.5")]
    [InlineData("1e3")]
    [InlineData("0.1")]
    [InlineData("12345678901234567890")]
    public void EveryNumberIsReadAsTheDoubleTheGeneralParserGives(string number)
    {
        var rows = RowsRequestReader.Read(Encoding.UTF8.GetBytes($$$"""{"fase":"aanbieder","rijen":[{"rij":2,"waarden":{"volume":{{{number}}}}}]}"""), 10).Rijen;
        Assert.Equal(double.Parse(number, System.Globalization.CultureInfo.InvariantCulture), rows[0][Column.Volume].Number);
        Assert.Equal(CellKind.Number, rows[0][Column.Volume].Kind);
    }

    [Fact]
    public void OnlyWholeNumbersOfUpToFifteenDigitsTakeTheShortPath()
    {
        Assert.True(RowsRequestReader.WholeNumber("44621"u8, out var date) && date == 44621);
        Assert.True(RowsRequestReader.WholeNumber("999999999999999"u8, out var longest) && longest == 999_999_999_999_999);
        Assert.False(RowsRequestReader.WholeNumber("1234567890123456"u8, out _));
        Assert.False(RowsRequestReader.WholeNumber("-3"u8, out _));
        Assert.False(RowsRequestReader.WholeNumber("2.5"u8, out _));
        Assert.False(RowsRequestReader.WholeNumber("1e3"u8, out _));
        Assert.False(RowsRequestReader.WholeNumber(""u8, out _));
    }
}

public class CellTests
{
    [Fact]
    public void ACellTakesSixteenBytesSoFiftyThousandRowsStaySmall() => Assert.Equal(16, Unsafe.SizeOf<Cell>());

    [Fact]
    public void EveryKindOfCellKeepsItsKindAndValue()
    {
        Assert.Equal((CellKind.Empty, null, 0.0), Parts(Cell.Empty));
        Assert.Equal((CellKind.Empty, null, 0.0), Parts(Cell.FromText("   ")));
        Assert.Equal((CellKind.Text, "abc", 0.0), Parts(Cell.FromText(" abc ")));
        Assert.Equal((CellKind.Number, null, 44621.0), Parts(Cell.FromNumber(44621)));
        Assert.Equal((CellKind.Number, null, 0.0), Parts(Cell.FromNumber(0)));
        Assert.Equal((CellKind.Boolean, null, 1.0), Parts(Cell.FromBoolean(true)));
        Assert.Equal((CellKind.Boolean, null, 0.0), Parts(Cell.FromBoolean(false)));
        Assert.Equal((CellKind.Text, "NaN", 0.0), Parts(Cell.FromNumber(double.NaN)));
    }

    [Fact]
    public void CellsAreEqualByKindAndValue()
    {
        Assert.Equal(Cell.FromText("0193"), Cell.FromText(new string("0193".ToCharArray())));
        Assert.NotEqual(Cell.FromText("1"), Cell.FromNumber(1));
        Assert.NotEqual(Cell.FromNumber(1), Cell.FromBoolean(true));
        Assert.NotEqual(Cell.FromNumber(0), Cell.Empty);
        Assert.True(Cell.FromNumber(2) == Cell.FromNumber(2));
        Assert.Equal(Cell.FromText("x").GetHashCode(), Cell.FromText(new string('x', 1)).GetHashCode());
    }

    private static (CellKind, string?, double) Parts(Cell c) => (c.Kind, c.Text, c.Number);
}
