using System.Globalization;

namespace MigratieAddin.Api;

public enum CellKind : byte { Empty, Text, Number, Boolean }

/// <summary>One cell as Excel holds it: empty, text (trimmed), a number or a boolean.</summary>
/// <remarks>Sixteen bytes: a request holds 25 cells for each of up to 50,000 rows, so the kind is not a field of its own but
/// told by the reference: null is empty, a text is itself, and two marker objects stand for a number and a boolean.</remarks>
public readonly struct Cell : IEquatable<Cell>
{
    private static readonly object NumberMark = new();
    private static readonly object BooleanMark = new();

    private readonly object? _value;
    private readonly double _number;

    private Cell(object value, double number)
    {
        _value = value;
        _number = number;
    }

    public static readonly Cell Empty = default;

    public CellKind Kind => _value switch
    {
        null => CellKind.Empty,
        string => CellKind.Text,
        _ when ReferenceEquals(_value, NumberMark) => CellKind.Number,
        _ => CellKind.Boolean,
    };

    /// <summary>The text of a text cell; null for any other kind.</summary>
    public string? Text => _value as string;

    /// <summary>The number of a number cell, 1 or 0 for a boolean; 0 for any other kind.</summary>
    public double Number => _number;

    public static Cell FromText(string? text)
    {
        var t = text?.Trim();
        return string.IsNullOrEmpty(t) ? Empty : new Cell(t, 0);
    }

    public static Cell FromNumber(double number) =>
        double.IsFinite(number) ? new Cell(NumberMark, number) : FromText(number.ToString(CultureInfo.InvariantCulture));

    public static Cell FromBoolean(bool b) => new(BooleanMark, b ? 1 : 0);

    public bool IsEmpty => _value is null;

    /// <summary>The value as text, the way a code is compared: whole numbers without decimals or exponent.</summary>
    public string AsText() => Kind switch
    {
        CellKind.Text => Text!,
        CellKind.Number => Number.ToString(Math.Abs(Number) < 1e15 && Number == Math.Floor(Number) ? "0" : "R", CultureInfo.InvariantCulture),
        CellKind.Boolean => Number != 0 ? "TRUE" : "FALSE",
        _ => "",
    };

    public bool Equals(Cell other) => Kind == other.Kind && _number.Equals(other._number) && string.Equals(Text, other.Text, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is Cell other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Kind, _number, Text);

    public static bool operator ==(Cell left, Cell right) => left.Equals(right);

    public static bool operator !=(Cell left, Cell right) => !left.Equals(right);

    // A cell may hold personal data: never let a value reach a log line through ToString.
    public override string ToString() => Kind.ToString();
}
