using System.Globalization;

namespace MigratieAddin.Api;

/// <summary>Reads cell values the way FORMAT.md "Values arrive as Excel gives them" describes.
/// Every reader answers false for what it cannot read; none throws.</summary>
public static class ValueReader
{
    private static readonly DateOnly ExcelEpoch = new(1899, 12, 30);
    private const int LastSerial = 2958465; // 31-12-9999

    /// <summary>A number as Excel shows it, to 15 significant digits: a formula's binary noise (14.000000000000002,
    /// 0.30000000000000004) is not part of the value. Every reader starts from this.</summary>
    private static double Shown(double number) =>
        Math.Abs(number) < 1e15 && number == Math.Floor(number)
            ? number // a whole number below 10^15 has at most 15 digits already
            : double.Parse(number.ToString("G15", CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    /// <summary>An Excel serial (read as shown, then its fraction dropped; a whole part of 0 or less is not a date),
    /// or text d-m-jjjj, d/m/jjjj or jjjj-m-d with day and month of one or two digits.</summary>
    public static bool TryDate(Cell cell, out DateOnly date)
    {
        date = default;
        switch (cell.Kind)
        {
            case CellKind.Number:
                var serial = Math.Floor(Shown(cell.Number));
                if (serial < 1 || serial > LastSerial) return false;
                date = ExcelEpoch.AddDays((int)serial);
                return true;
            case CellKind.Text:
                return TryTextDate(cell.Text!, out date);
            default:
                return false;
        }
    }

    private static bool TryTextDate(string text, out DateOnly date)
    {
        date = default;
        var separator = text.Contains('-') ? '-' : '/';
        var parts = text.Split(separator);
        if (parts.Length != 3 || parts.Any(p => p.Length == 0 || !IsDigits(p))) return false;
        int year, month, day;
        if (separator == '-' && parts[0].Length == 4 && parts[1].Length <= 2 && parts[2].Length <= 2)
            (year, month, day) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
        else if (parts[0].Length <= 2 && parts[1].Length <= 2 && parts[2].Length == 4)
            (day, month, year) = (int.Parse(parts[0], CultureInfo.InvariantCulture), int.Parse(parts[1], CultureInfo.InvariantCulture), int.Parse(parts[2], CultureInfo.InvariantCulture));
        else return false;
        if (year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)) return false;
        date = new DateOnly(year, month, day);
        return true;
    }

    /// <summary>A code of exactly <paramref name="length"/> digits; a number, or digits-only text that is
    /// too short, gets its leading zeros back (193 -> 0193).</summary>
    public static bool TryDigitCode(Cell cell, int length, out string code)
    {
        code = "";
        switch (cell.Kind)
        {
            case CellKind.Number:
                var n = Shown(cell.Number);
                if (n < 0 || n != Math.Floor(n) || n >= Math.Pow(10, length)) return false;
                code = ((long)n).ToString(CultureInfo.InvariantCulture).PadLeft(length, '0');
                return true;
            case CellKind.Text:
                var t = cell.Text!;
                if (t.Length > length || !IsDigits(t)) return false;
                code = t.PadLeft(length, '0');
                return true;
            default:
                return false;
        }
    }

    /// <summary>A whole, non-negative number, compared as a number: 02 is 2, 0410000001 is 410000001.</summary>
    public static bool TryWholeNumber(Cell cell, out long number)
    {
        number = 0;
        switch (cell.Kind)
        {
            case CellKind.Number:
                var n = Shown(cell.Number);
                if (n < 0 || n != Math.Floor(n) || n > 1e15) return false;
                number = (long)n;
                return true;
            case CellKind.Text:
                var text = cell.Text!;
                if (!IsDigits(text)) return false;
                var significant = text.AsSpan().TrimStart('0');
                if (significant.Length > 15) return false;
                number = significant.Length == 0 ? 0 : long.Parse(significant, CultureInfo.InvariantCulture);
                return true;
            default:
                return false;
        }
    }

    /// <summary>An amount or volume. Text is read the Dutch way: euro sign and spaces ignored, the comma
    /// as decimal separator, a dot followed by exactly three digits as thousands separator.</summary>
    public static bool TryAmount(Cell cell, out decimal amount)
    {
        amount = 0;
        switch (cell.Kind)
        {
            case CellKind.Number:
                var n = Shown(cell.Number);
                if (Math.Abs(n) > 1e20) return false;
                amount = (decimal)n;
                return true;
            case CellKind.Text:
                return TryDutchNumber(cell.Text!, out amount);
            default:
                return false;
        }
    }

    private static bool TryDutchNumber(string text, out decimal amount)
    {
        amount = 0;
        Span<char> kept = text.Length <= 128 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
            if (c != '€' && !char.IsWhiteSpace(c)) kept[length++] = c;
        ReadOnlySpan<char> t = kept[..length];
        var negative = t.StartsWith('-');
        if (negative || t.StartsWith('+')) t = t[1..];
        var comma = t.IndexOf(',');
        if (comma != t.LastIndexOf(',')) return false;

        var whole = comma < 0 ? t : t[..comma];
        var fraction = comma < 0 ? [] : t[(comma + 1)..];
        if (comma >= 0 && fraction.IsEmpty) return false;

        var dot = whole.IndexOf('.');
        if (dot >= 0 && !ThousandsGroups(whole[(dot + 1)..]))
        {
            // A dot followed by exactly three digits separates thousands; any other single dot is the decimal
            // separator ("2.5"), unless a comma already is.
            if (whole[(dot + 1)..].Contains('.') || comma >= 0 || dot + 1 == whole.Length) return false;
            fraction = whole[(dot + 1)..];
            whole = whole[..dot];
        }
        if (whole.IsEmpty || whole[0] == '.') return false;

        if (whole.Length + fraction.Length > 40) return false; // more than 26 digits, with dots between every three
        Span<char> number = stackalloc char[whole.Length + 1 + fraction.Length];
        var digits = 0;
        foreach (var c in whole)
            if (c != '.') number[digits++] = c;
        if (!IsDigits(number[..digits]) || (!fraction.IsEmpty && !IsDigits(fraction)) || digits + fraction.Length > 26) return false;
        number[digits] = '.';
        fraction.CopyTo(number[(digits + 1)..]);
        var value = decimal.Parse(number[..(digits + 1 + fraction.Length)], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);
        amount = negative ? -value : value;
        return true;
    }

    /// <summary>Groups of three characters, separated by dots (what follows the first group of "1.234.567").</summary>
    private static bool ThousandsGroups(ReadOnlySpan<char> rest)
    {
        while (true)
        {
            var next = rest.IndexOf('.');
            if ((next < 0 ? rest.Length : next) != 3) return false;
            if (next < 0) return true;
            rest = rest[(next + 1)..];
        }
    }

    /// <summary>Only the digits 0 to 9 (and at least one).</summary>
    public static bool IsDigits(ReadOnlySpan<char> text) => text.Length > 0 && !text.ContainsAnyExceptInRange('0', '9');

    /// <summary>The number of decimals of a value as read: 10.500 has one.</summary>
    public static int Decimals(decimal value)
    {
        var normalised = value / 1.000000000000000000000000000000000m;
        return normalised.Scale;
    }

    /// <summary>A whole number from 1 to 99,999,999, as a volume must be.</summary>
    public static bool IsValidVolume(decimal value) => value >= 1 && value <= 99_999_999 && value == decimal.Truncate(value);

    /// <summary>An iJw code written with two digits (1 -> 01).</summary>
    public static bool TryTwoDigitCode(Cell cell, out string code)
    {
        code = "";
        if (!TryWholeNumber(cell, out var n) || n > 99) return false;
        code = TwoDigits[n];
        return true;
    }

    private static readonly string[] TwoDigits = [.. Enumerable.Range(0, 100).Select(n => n.ToString("00", CultureInfo.InvariantCulture))];

    /// <summary>A product code as compared: trimmed and upper case; a number as Excel shows it, a whole one without decimals.</summary>
    public static string? Productcode(Cell cell) => cell.Kind switch
    {
        CellKind.Empty => null,
        CellKind.Number => Cell.FromNumber(Shown(cell.Number)).AsText(),
        _ => cell.AsText().Trim().ToUpperInvariant(),
    };
}
