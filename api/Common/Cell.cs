using System.Globalization;

namespace MigratieAddin.Api;

public enum CellKind : byte { Empty, Text, Number, Boolean }

/// <summary>One cell as Excel holds it: empty, text (trimmed), a number or a boolean.</summary>
public readonly record struct Cell(CellKind Kind, string? Text, double Number)
{
    public static readonly Cell Empty = default;

    public static Cell FromText(string? text)
    {
        var t = text?.Trim();
        return string.IsNullOrEmpty(t) ? Empty : new Cell(CellKind.Text, t, 0);
    }

    public static Cell FromNumber(double number) =>
        double.IsFinite(number) ? new Cell(CellKind.Number, null, number) : FromText(number.ToString(CultureInfo.InvariantCulture));

    public static Cell FromBoolean(bool b) => new(CellKind.Boolean, null, b ? 1 : 0);

    public bool IsEmpty => Kind == CellKind.Empty;

    /// <summary>The value as text, the way a code is compared: whole numbers without decimals or exponent.</summary>
    public string AsText() => Kind switch
    {
        CellKind.Text => Text!,
        CellKind.Number => Number.ToString(Math.Abs(Number) < 1e15 && Number == Math.Floor(Number) ? "0" : "R", CultureInfo.InvariantCulture),
        CellKind.Boolean => Number != 0 ? "TRUE" : "FALSE",
        _ => "",
    };

    // A cell may hold personal data: never let a value reach a log line through ToString.
    public override string ToString() => Kind.ToString();
}
