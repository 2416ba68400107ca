using System.Collections.Frozen;
using System.Collections.Immutable;
using System.Globalization;
using System.Runtime.CompilerServices;

namespace MigratieAddin.Api;

/// <summary>The columns of the "Toewijzingen" tab. The member's value only indexes a row's cells; the sheet's order is
/// that of <see cref="Columns.All"/>, and what a column is (input or output, its kind of value) is its definition there.</summary>
public enum Column
{
    Gemeentecode, AanbiederAgb, AanbiederNaam, Bsn, Naam, Geboortedatum, Toewijzingnummer,
    Productcategorie2022, Productcode2022, Ingangsdatum, Einddatum, Volume, Eenheid, Frequentie,
    Productcategorie2023, Productcode2023, Volume2023, Einddatum2023, Budget2023, OpmerkingAanbieder,
    Status, Meldingen, RegelId, AkkoordGemeente, Akkoordcode,
}

public enum Colour { Blue, Yellow, Grey, Hidden }

/// <summary>A column of the format. <see cref="Header"/> is a template: <c>{oud}</c> and <c>{nieuw}</c> stand for the
/// region's contract years (<see cref="RegioSettings.Tekst"/>); the key keeps FORMAT.md's name in every region.</summary>
public sealed record ColumnInfo(Column Column, string Key, string Header, Colour Colour, Waarde Waarde, int Cijfers = 0);

/// <summary>What kind of value a column holds; writing a cell, the seal's normal form and the text-formatted columns follow from it.</summary>
public enum Waarde
{
    /// <summary>A code of <see cref="ColumnInfo.Cijfers"/> digits, kept as text with its leading zeros.</summary>
    Code,
    Datum,
    HeelGetal,
    /// <summary>A volume: a number, possibly with decimals.</summary>
    Aantal,
    /// <summary>An amount in euros.</summary>
    Euro,
    Productcode,
    Tekst,
    /// <summary>Grey output the add-in writes (Status, Meldingen).</summary>
    Uitvoer,
}

public static class Columns
{
    public static readonly IReadOnlyList<ColumnInfo> All =
    [
        new(Column.Gemeentecode, "gemeentecode", "Gemeentecode", Colour.Blue, Waarde.Code, 4),
        new(Column.AanbiederAgb, "aanbiederAgb", "AGB-code aanbieder", Colour.Blue, Waarde.Code, 8),
        new(Column.AanbiederNaam, "aanbiederNaam", "Naam aanbieder", Colour.Blue, Waarde.Tekst),
        new(Column.Bsn, "bsn", "BSN jeugdige", Colour.Blue, Waarde.Code, 9),
        new(Column.Naam, "naam", "Naam jeugdige", Colour.Blue, Waarde.Tekst),
        new(Column.Geboortedatum, "geboortedatum", "Geboortedatum", Colour.Blue, Waarde.Datum),
        new(Column.Toewijzingnummer, "toewijzingnummer", "Toewijzingnummer", Colour.Blue, Waarde.HeelGetal),
        new(Column.Productcategorie2022, "productcategorie2022", "Productcategorie {oud}", Colour.Blue, Waarde.HeelGetal),
        new(Column.Productcode2022, "productcode2022", "Productcode {oud}", Colour.Blue, Waarde.Productcode),
        new(Column.Ingangsdatum, "ingangsdatum", "Ingangsdatum", Colour.Blue, Waarde.Datum),
        new(Column.Einddatum, "einddatum", "Einddatum", Colour.Blue, Waarde.Datum),
        new(Column.Volume, "volume", "Volume", Colour.Blue, Waarde.Aantal),
        new(Column.Eenheid, "eenheid", "Eenheid", Colour.Blue, Waarde.Code, 2),
        new(Column.Frequentie, "frequentie", "Frequentie", Colour.Blue, Waarde.HeelGetal),
        new(Column.Productcategorie2023, "productcategorie2023", "Productcategorie {nieuw}", Colour.Yellow, Waarde.HeelGetal),
        new(Column.Productcode2023, "productcode2023", "Productcode {nieuw}", Colour.Yellow, Waarde.Productcode),
        new(Column.Volume2023, "volume2023", "Volume {nieuw}", Colour.Yellow, Waarde.Aantal),
        new(Column.Einddatum2023, "einddatum2023", "Einddatum {nieuw}", Colour.Yellow, Waarde.Datum),
        new(Column.Budget2023, "budget2023", "Budget {nieuw} (euro)", Colour.Yellow, Waarde.Euro),
        new(Column.OpmerkingAanbieder, "opmerkingAanbieder", "Opmerking aanbieder", Colour.Yellow, Waarde.Tekst),
        new(Column.Status, "status", "Status", Colour.Grey, Waarde.Uitvoer),
        new(Column.Meldingen, "meldingen", "Meldingen", Colour.Grey, Waarde.Uitvoer),
        new(Column.RegelId, "regelId", "Regel-ID", Colour.Hidden, Waarde.Tekst),
        new(Column.AkkoordGemeente, "akkoordGemeente", "Akkoord gemeente", Colour.Grey, Waarde.Tekst),
        new(Column.Akkoordcode, "akkoordcode", "Akkoordcode", Colour.Hidden, Waarde.Tekst),
    ];

    /// <summary>The number of columns, and of cells in a row.</summary>
    public static readonly int Count = All.Count;

    /// <summary>The blue and yellow columns, in sheet order: the ones people fill, the rules read and an approval mark covers.
    /// An immutable array, so a loop over it per row allocates nothing.</summary>
    public static readonly ImmutableArray<Column> Input = [.. All.Where(c => c.Colour is Colour.Blue or Colour.Yellow).Select(c => c.Column)];

    // Indexed by the member's value: its definition and its place in the sheet.
    private static readonly (ColumnInfo[] ByColumn, int[] Positions) Index = IndexByColumn();
    private static ColumnInfo[] ByColumn => Index.ByColumn;

    private static (ColumnInfo[], int[]) IndexByColumn()
    {
        var byColumn = new ColumnInfo[All.Count];
        var positions = new int[All.Count];
        for (var position = 0; position < All.Count; position++)
        {
            var info = All[position];
            if ((uint)info.Column >= byColumn.Length || byColumn[(int)info.Column] is not null)
                throw new InvalidOperationException($"Columns.All must define every member of Column exactly once ({info.Column}).");
            byColumn[(int)info.Column] = info;
            positions[(int)info.Column] = position;
        }
        return (byColumn, positions);
    }

    private static readonly FrozenDictionary<string, Column> ByKey =
        All.ToFrozenDictionary(k => k.Key, k => k.Column, StringComparer.OrdinalIgnoreCase);

    private static readonly ConditionalWeakTable<RegioSettings, FrozenDictionary<string, Column>> ByHeader = new();

    public static string Key(this Column column) => ByColumn[(int)column].Key;

    public static ColumnInfo Info(this Column column) => ByColumn[(int)column];

    /// <summary>The column's place in the sheet, 0 for column A.</summary>
    public static int Position(this Column column) => Index.Positions[(int)column];

    /// <summary>The columns Excel formats as text, so codes keep their leading zeros.</summary>
    public static readonly IReadOnlySet<Column> TextFormatted = All.Where(c => c.Waarde == Waarde.Code).Select(c => c.Column).ToHashSet();

    /// <summary>A code column's value with its zeros, when the cell holds one (the two-digit eenheid may lose its zero).</summary>
    public static bool TryCode(ColumnInfo info, Cell value, out string code) => info.Cijfers == 2
        ? ValueReader.TryTwoDigitCode(value, out code)
        : ValueReader.TryDigitCode(value, info.Cijfers, out code);

    /// <summary>A cell's value in the normal form of its column's value kind, as the rules read it: codes with their zeros,
    /// dates as yyyy-mm-dd, numbers as numbers, text trimmed. The seal and the approval mark are made over it.</summary>
    public static string NormalForm(this Column column, Cell value)
    {
        if (value.IsEmpty) return "";
        var info = column.Info();
        switch (info.Waarde)
        {
            case Waarde.Code when TryCode(info, value, out var code):
                return code;
            case Waarde.Datum when ValueReader.TryDate(value, out var date):
                return date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            case Waarde.HeelGetal when ValueReader.TryWholeNumber(value, out var whole):
                return whole.ToString(CultureInfo.InvariantCulture);
            case Waarde.Aantal or Waarde.Euro when ValueReader.TryAmount(value, out var amount):
                return (amount / 1.000000000000000000000000000000000m).ToString(CultureInfo.InvariantCulture);
            case Waarde.Productcode:
                return ValueReader.Productcode(value)!;
            default:
                return value.AsText();
        }
    }

    /// <summary>The Dutch header of the column with the region's contract years filled in.</summary>
    public static string Header(this Column column, RegioSettings regio) => regio.Tekst(ByColumn[(int)column].Header);

    public static bool TryFromKey(string key, out Column column) => ByKey.TryGetValue(key, out column);

    /// <summary>Finds a column by its key or by its Dutch header in the loaded region's years, ignoring case and surrounding spaces.</summary>
    public static bool TryFromHeaderOrKey(string text, RegioSettings regio, out Column column)
    {
        var t = text.Trim();
        var byHeader = ByHeader.GetValue(regio, r => All.ToFrozenDictionary(c => r.Tekst(c.Header), c => c.Column, StringComparer.OrdinalIgnoreCase));
        return byHeader.TryGetValue(t, out column) || ByKey.TryGetValue(t, out column);
    }
}
