namespace MigratieAddin.Api;

/// <summary>A row with its values read once (FORMAT.md "Values arrive as Excel gives them") and
/// looked up in the catalogue. A value that cannot be read is null here; the rules say why.</summary>
public sealed class ReadRow
{
    public ReadRow(Row row, int index, Catalogus catalogus)
    {
        Row = row;
        Index = index;
        IsEmpty = row.IsEmpty;
        if (IsEmpty) return;

        IsAmbulant = ValueReader.TryWholeNumber(row[Column.Productcategorie2023], out var cat2023)
            && cat2023 == catalogus.CategorieAmbulant;

        if (ValueReader.TryDigitCode(row[Column.Gemeentecode], 4, out var gemeente))
        {
            Gemeentecode = gemeente;
            GemeenteInRegio = catalogus.Gemeente(gemeente) is not null;
        }
        if (ValueReader.TryDigitCode(row[Column.AanbiederAgb], 8, out var agb))
        {
            Agb = agb;
            Aanbieder = catalogus.Aanbieder(agb);
        }
        if (ValueReader.TryDigitCode(row[Column.Bsn], 9, out var bsn))
        {
            Bsn = bsn;
            BsnValid = bsn != "000000000" && BsnMustPassElfproef.PassesElfproef(bsn);
        }
        if (ValueReader.TryWholeNumber(row[Column.Toewijzingnummer], out var nummer) && nummer is >= 1 and <= 999_999_999)
            Toewijzingnummer = nummer;
        // Both keys are digit codes that fit one number: gemeente (4) and toewijzingnummer (9), BSN (9) and AGB (8).
        if (Gemeentecode is not null && Toewijzingnummer is { } n) ToewijzingKey = Number(Gemeentecode) * 1_000_000_000 + n;
        if (Bsn is not null && Agb is not null) JeugdigeKey = Number(Bsn) * 100_000_000 + Number(Agb);

        Code2022 = ValueReader.Productcode(row[Column.Productcode2022]);
        Product2022 = Code2022 is null ? null : catalogus.Product2022(Code2022);
        Code2023 = ValueReader.Productcode(row[Column.Productcode2023]);
        Product2023 = Code2023 is null ? null : catalogus.Product2023(Code2023);

        Geboortedatum = Date(row[Column.Geboortedatum]);
        Ingangsdatum = Date(row[Column.Ingangsdatum]);
        Einddatum = Date(row[Column.Einddatum]);
        Einddatum2023 = Date(row[Column.Einddatum2023]);

        Volume = Amount(row[Column.Volume]);
        Volume2023 = Amount(row[Column.Volume2023]);
        Budget = Amount(row[Column.Budget2023]);
        if (ValueReader.TryTwoDigitCode(row[Column.Eenheid], out var eenheid)) Eenheid = eenheid;
        if (ValueReader.TryWholeNumber(row[Column.Frequentie], out var frequentie)) Frequentie = frequentie;
    }

    public Row Row { get; }
    public int Index { get; }
    public bool IsEmpty { get; }
    public bool IsAmbulant { get; }

    public string? Gemeentecode { get; }
    /// <summary>The gemeentecode is one of the region's gemeenten (no GEMEENTE_ONBEKEND).</summary>
    public bool GemeenteInRegio { get; }
    public string? Agb { get; }
    public Aanbieder? Aanbieder { get; }
    public string? Bsn { get; }
    /// <summary>Nine digits, not all zeros, passing the elfproef (no BSN_ONGELDIG).</summary>
    public bool BsnValid { get; }
    public long? Toewijzingnummer { get; }
    /// <summary>Gemeentecode and toewijzingnummer as one number, when both are read: which toewijzing the row is.</summary>
    public long? ToewijzingKey { get; }
    /// <summary>BSN and AGB as one number, when both are read: which jeugdige at which aanbieder.</summary>
    public long? JeugdigeKey { get; }
    public string? Code2022 { get; }
    public Product2022? Product2022 { get; }
    public string? Code2023 { get; }
    public Product2023? Product2023 { get; }
    public DateOnly? Geboortedatum { get; }
    public DateOnly? Ingangsdatum { get; }
    public DateOnly? Einddatum { get; }
    public DateOnly? Einddatum2023 { get; }
    public decimal? Volume { get; }
    public decimal? Volume2023 { get; }
    public decimal? Budget { get; }
    public string? Eenheid { get; }
    public long? Frequentie { get; }

    /// <summary>gemeentecode, AGB, toewijzingnummer and BSN as read (or as typed, where unreadable):
    /// what ties an ambulant row to its omzetting row. Two numbers when all four are read, as they nearly always are.</summary>
    public LinkKey LinkKey => ToewijzingKey is { } toewijzing && JeugdigeKey is { } jeugdige
        ? new(toewijzing, jeugdige, null)
        : new(-1, -1, new TypedLinkKey(
            Gemeentecode ?? Row[Column.Gemeentecode].AsText(),
            Agb ?? Row[Column.AanbiederAgb].AsText(),
            Toewijzingnummer ?? -1,
            Toewijzingnummer is null ? Row[Column.Toewijzingnummer].AsText() : "",
            Bsn ?? Row[Column.Bsn].AsText()));

    public Cell this[Column kolom] => Row[kolom];

    /// <summary>The 2022 product is filled, known and not GGZ: only then do the 2023 product rules mean anything.</summary>
    public bool Product2022Usable => Product2022 is { IsGgzVerblijf: false };

    private static long Number(string digitCode) => long.Parse(digitCode, System.Globalization.CultureInfo.InvariantCulture);

    private static DateOnly? Date(Cell c) => ValueReader.TryDate(c, out var d) ? d : null;
    private static decimal? Amount(Cell c) => ValueReader.TryAmount(c, out var d) ? d : null;
}

/// <summary>A row's link key: the numbers of <see cref="ReadRow.ToewijzingKey"/> and <see cref="ReadRow.JeugdigeKey"/>, or,
/// when one of the four values cannot be read, the values as typed (a readable code never equals an unreadable one's text).</summary>
public readonly record struct LinkKey(long Toewijzing, long Jeugdige, TypedLinkKey? Typed);

public readonly record struct TypedLinkKey(string Gemeente, string Agb, long Toewijzingnummer, string ToewijzingnummerAsTyped, string Bsn);
