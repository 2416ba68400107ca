using System.Globalization;

namespace MigratieAddin.Api;

/// <summary>Numbers and dates as Dutch readers expect them, the same on every server: nothing here reads the machine's
/// culture or its culture data (a server set to en-US, de-DE or ar-SA writes the same texts and files).</summary>
public static class Dutch
{
    /// <summary>A dot between thousands, a comma before decimals; built from the invariant culture, never from nl-NL's data.</summary>
    private static readonly NumberFormatInfo Numbers = NumberFormatInfo.ReadOnly(new NumberFormatInfo
    {
        NumberGroupSeparator = ".",
        NumberDecimalSeparator = ",",
        NegativeSign = "-",
    });

    private static readonly string[] Months =
        ["januari", "februari", "maart", "april", "mei", "juni", "juli", "augustus", "september", "oktober", "november", "december"];

    /// <summary>A whole number with thousands dots: 50000 is "50.000".</summary>
    public static string Getal(long value) => value.ToString("#,0", Numbers);

    /// <summary>A number with a decimal comma and at most three decimals, without thousands dots: 0.5 is "0,5".</summary>
    public static string Getal(double value) => value.ToString("0.###", Numbers);

    /// <summary>A fraction as a percentage: 0.075 is "7,5%".</summary>
    public static string Procent(decimal fraction) => (fraction * 100).ToString("0.##", Numbers) + "%";

    /// <summary>"23 december 2026".</summary>
    public static string Date(DateOnly d) =>
        d.Day.ToString(CultureInfo.InvariantCulture) + " " + Months[d.Month - 1] + " " + d.Year.ToString(CultureInfo.InvariantCulture);

    /// <summary>"23-12-2026", as a date is typed in a cell.</summary>
    public static string Datum(DateOnly d) => d.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);
}
