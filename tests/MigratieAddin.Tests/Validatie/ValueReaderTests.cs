using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public class ValueReaderTests
{
    [Theory]
    [InlineData(44652.0, "2022-04-01")]
    [InlineData(44652.75, "2022-04-01")]
    [InlineData(1.0, "1899-12-31")]
    [InlineData(61.0, "1900-03-01")]
    [InlineData("1-4-2022", "2022-04-01")]
    [InlineData("01-04-2022", "2022-04-01")]
    [InlineData("1/4/2022", "2022-04-01")]
    [InlineData("01/04/2022", "2022-04-01")]
    [InlineData("2022-04-01", "2022-04-01")]
    [InlineData(" 2022-04-01 ", "2022-04-01")]
    [InlineData("29-02-2024", "2024-02-29")]
    [InlineData("2025-12-8", "2025-12-08")]
    [InlineData("8/12/2025", "2025-12-08")]
    [InlineData("2025-1-08", "2025-01-08")]
    [InlineData(1.5, "1899-12-31")]
    public void DatesAreReadFromSerialsAndDutchOrIsoText(object value, string expected)
    {
        Assert.True(ValueReader.TryDate(RijBuilder.CellOf(value), out var date));
        Assert.Equal(DateOnly.Parse(expected), date);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(0.5)]
    [InlineData(0.999)]
    [InlineData(-0.5)]
    [InlineData(-5.0)]
    [InlineData(3000000.0)]
    [InlineData("44652")]
    [InlineData("01042022")]
    [InlineData("2022-001-01")]
    [InlineData("31-02-2022")]
    [InlineData("29-02-2023")]
    [InlineData("2022/04/01")]
    [InlineData("01-04-22")]
    [InlineData("1-4-2022 10:00")]
    [InlineData("01-04/2022")]
    [InlineData("april 2022")]
    [InlineData("#N/A")]
    [InlineData(true)]
    public void AnythingElseIsNotADate(object value) =>
        Assert.False(ValueReader.TryDate(RijBuilder.CellOf(value), out _));

    [Theory]
    [InlineData(12345672.0, 9, "012345672")]
    [InlineData("12345672", 9, "012345672")]
    [InlineData("012345672", 9, "012345672")]
    [InlineData(193.0, 4, "0193")]
    [InlineData("193", 4, "0193")]
    [InlineData(" 0193 ", 4, "0193")]
    [InlineData(98000022.0, 8, "98000022")]
    public void DigitCodesGetTheirLeadingZerosBack(object value, int length, string expected)
    {
        Assert.True(ValueReader.TryDigitCode(RijBuilder.CellOf(value), length, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData("01931", 4)]
    [InlineData(19300.0, 4)]
    [InlineData(193.5, 4)]
    [InlineData(-193.0, 4)]
    [InlineData("0193a", 4)]
    [InlineData("01 93", 4)]
    [InlineData(true, 4)]
    [InlineData("#N/A", 9)]
    public void CodesThatAreTooLongOrNotDigitsAreNotCodes(object value, int length) =>
        Assert.False(ValueReader.TryDigitCode(RijBuilder.CellOf(value), length, out _));

    [Theory]
    [InlineData("02", 2)]
    [InlineData(2.0, 2)]
    [InlineData("0410000001", 410000001)]
    [InlineData("000", 0)]
    public void WholeNumbersAreComparedAsNumbers(object value, long expected)
    {
        Assert.True(ValueReader.TryWholeNumber(RijBuilder.CellOf(value), out var n));
        Assert.Equal(expected, n);
    }

    [Theory]
    [InlineData(2.5)]
    [InlineData(-2.0)]
    [InlineData("2,0")]
    [InlineData("twee")]
    [InlineData(false)]
    public void FractionsNegativesAndWordsAreNotWholeNumbers(object value) =>
        Assert.False(ValueReader.TryWholeNumber(RijBuilder.CellOf(value), out _));

    [Theory]
    [InlineData("€ 2.500,50", "2500.50")]
    [InlineData("1.000", "1000")]
    [InlineData("2.5", "2.5")]
    [InlineData("2,5", "2.5")]
    [InlineData("1.000.000", "1000000")]
    [InlineData("1.000,5", "1000.5")]
    [InlineData("1234.567", "1234567")]
    [InlineData("0.500", "500")]
    [InlineData("2.50", "2.5")]
    [InlineData("1.0000", "1")]
    [InlineData("+ € 1.250,75", "1250.75")]
    [InlineData("10,500", "10.5")]
    [InlineData("€2500", "2500")]
    [InlineData("2 500", "2500")]
    [InlineData("-7", "-7")]
    [InlineData(12.34, "12.34")]
    [InlineData(7.0, "7")]
    public void AmountsAreReadTheDutchWay(object value, string expected)
    {
        Assert.True(ValueReader.TryAmount(RijBuilder.CellOf(value), out var amount));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Theory]
    [InlineData("1,000,5")]
    [InlineData("2.5,5")]
    [InlineData("12.34.5")]
    [InlineData("abc")]
    [InlineData("€")]
    [InlineData("1,")]
    [InlineData("#WAARDE!")]
    [InlineData(".500")]
    [InlineData("1.000.5")]
    [InlineData("1.5,00")]
    [InlineData(true)]
    public void TextThatIsNoDutchNumberIsNoAmount(object value) =>
        Assert.False(ValueReader.TryAmount(RijBuilder.CellOf(value), out _));

    [Theory]
    [InlineData("10,500", 1)]
    [InlineData("12,345", 3)]
    [InlineData("2.500,00", 0)]
    [InlineData("2.500,05", 2)]
    public void DecimalsAreCountedOnTheValueRead(string text, int decimals)
    {
        Assert.True(ValueReader.TryAmount(Cell.FromText(text), out var amount));
        Assert.Equal(decimals, ValueReader.Decimals(amount));
    }

    [Theory]
    [InlineData(1.0, "01")]
    [InlineData("4", "04")]
    [InlineData("14", "14")]
    [InlineData("014", "14")]
    public void EenheidIsWrittenWithTwoDigits(object value, string expected)
    {
        Assert.True(ValueReader.TryTwoDigitCode(RijBuilder.CellOf(value), out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData(" 44a08 ", "44A08")]
    [InlineData(44301.0, "44301")]
    [InlineData(44301.00000000001, "44301")]
    public void ProductCodesIgnoreCaseAndSurroundingSpaces(object value, string expected) =>
        Assert.Equal(expected, ValueReader.Productcode(RijBuilder.CellOf(value)));

    // Formula results such as =7*2 or =0,1+0,2 carry binary noise beyond the 15 digits Excel shows.
    [Theory]
    [InlineData(14.000000000000002, "14")]
    [InlineData(13.999999999999998, "14")]
    [InlineData(4.0000000000000009, "04")]
    public void AnEenheidFromAFormulaIsReadAsExcelShowsIt(double value, string expected)
    {
        Assert.True(ValueReader.TryTwoDigitCode(Cell.FromNumber(value), out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData(2.0000000000000004, 2)]
    [InlineData(230000000.99999997, 230000001)]
    [InlineData(6.0000000000000009, 6)]
    [InlineData(49.999999999999993, 50)]
    public void AWholeNumberFromAFormulaIsReadAsExcelShowsIt(double value, long expected)
    {
        Assert.True(ValueReader.TryWholeNumber(Cell.FromNumber(value), out var n));
        Assert.Equal(expected, n);
    }

    [Theory]
    [InlineData(12345672.000000002, 9, "012345672")]
    [InlineData(192.99999999999997, 4, "0193")]
    [InlineData(98000021.999999985, 8, "98000022")]
    public void ACodeFromAFormulaIsReadAsExcelShowsIt(double value, int length, string expected)
    {
        Assert.True(ValueReader.TryDigitCode(Cell.FromNumber(value), length, out var code));
        Assert.Equal(expected, code);
    }

    [Theory]
    [InlineData(0.30000000000000004, "0.3")]
    [InlineData(2500.4999999999995, "2500.5")]
    [InlineData(7.0000000000000009, "7")]
    [InlineData(1234567.8899999999, "1234567.89")]
    public void AnAmountFromAFormulaIsReadAsExcelShowsIt(double value, string expected)
    {
        Assert.True(ValueReader.TryAmount(Cell.FromNumber(value), out var amount));
        Assert.Equal(decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), amount);
    }

    [Fact]
    public void TheSumOfTwoAmountsHasTheDecimalsExcelShows()
    {
        Assert.True(ValueReader.TryAmount(Cell.FromNumber(0.1 + 0.2), out var amount));
        Assert.Equal(1, ValueReader.Decimals(amount));
    }

    // A serial is read as Excel shows the number (15 digits) and then loses its time of day.
    [Theory]
    [InlineData(44651.999999999993, "2022-04-01")]
    [InlineData(44652.000000000007, "2022-04-01")]
    [InlineData(44652.99999, "2022-04-01")]
    public void ADateSerialFromAFormulaIsReadAsExcelShowsIt(double value, string expected)
    {
        Assert.True(ValueReader.TryDate(Cell.FromNumber(value), out var date));
        Assert.Equal(DateOnly.Parse(expected), date);
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(-1e300)]
    [InlineData(double.Epsilon)]
    [InlineData(123456789012345678.0)]
    public void ExtremeNumbersAreReadWithoutThrowing(double value)
    {
        var cell = Cell.FromNumber(value);
        ValueReader.TryDate(cell, out _);
        ValueReader.TryDigitCode(cell, 9, out _);
        ValueReader.TryWholeNumber(cell, out _);
        ValueReader.TryAmount(cell, out _);
        ValueReader.TryTwoDigitCode(cell, out _);
        Assert.NotNull(ValueReader.Productcode(cell));
    }

    [Fact]
    public void TextIsTrimmedAndBlankTextIsEmpty()
    {
        Assert.True(Cell.FromText("   ").IsEmpty);
        Assert.True(Cell.FromText("\u00a0").IsEmpty);
        Assert.Equal("abc", Cell.FromText("  abc ").Text);
    }

    [Fact]
    public void ACellNeverShowsItsValueInText() =>
        Assert.DoesNotContain("999925702", Cell.FromText("999925702").ToString());
}
