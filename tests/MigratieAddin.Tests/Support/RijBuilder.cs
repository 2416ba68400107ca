using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>Starts from a valid omzetting row (status ok, no messages), so each test changes one thing.</summary>
public sealed class RijBuilder
{
    public const string Bsn = "999925702";
    public const string Naam = "Sanne Hendriks";
    public const string Geboortedatum = "21-09-2008";

    private readonly Dictionary<Column, object?> _values;

    private RijBuilder(Dictionary<Column, object?> values) => _values = values;

    public static RijBuilder Omzetting() => new(new Dictionary<Column, object?>
    {
        [Column.Gemeentecode] = "0193",
        [Column.AanbiederAgb] = "98000022",
        [Column.AanbiederNaam] = "Bètahuis Gezinshuizen",
        [Column.Bsn] = Bsn,
        [Column.Naam] = Naam,
        [Column.Geboortedatum] = Geboortedatum,
        [Column.Toewijzingnummer] = 230000001,
        [Column.Productcategorie2022] = "44",
        [Column.Productcode2022] = "44301",
        [Column.Ingangsdatum] = "01-03-2022",
        [Column.Einddatum] = "31-12-2023",
        [Column.Volume] = 7,
        [Column.Eenheid] = "14",
        [Column.Frequentie] = 2,
        [Column.Productcode2023] = "44A08",
    });

    /// <summary>A complete omzetting row (status ok, no messages) in this catalogue's own terms: its first gemeente, an
    /// aanbieder gegund the standard omzetting of an old product it may carry, and dates around the region's new start.</summary>
    public static RijBuilder Omzetting(Catalogus c)
    {
        var (aanbieder, oud, nieuw) = (from a in c.Aanbieders
                                       from p in c.Producten2022
                                       where !p.IsGgzVerblijf && !p.CombinatieAmbulant
                                       from o in c.OmzettingenFrom(p.Productcode)
                                       where o.Standaard && a.IsGegund(o.Productcode2023)
                                       select (a, p, o.Productcode2023)).First();
        var start = c.Regio.IngangsdatumNieuw;
        return new(new Dictionary<Column, object?>
        {
            [Column.Gemeentecode] = c.Gemeenten[0].Cbscode,
            [Column.AanbiederAgb] = aanbieder.Agb,
            [Column.AanbiederNaam] = aanbieder.Naam,
            [Column.Bsn] = Bsn,
            [Column.Naam] = Naam,
            [Column.Geboortedatum] = Datum(start.AddYears(-15)),
            [Column.Toewijzingnummer] = 1001,
            [Column.Productcategorie2022] = oud.Productcategorie,
            [Column.Productcode2022] = oud.Productcode,
            [Column.Ingangsdatum] = Datum(start.AddMonths(-10)),
            [Column.Einddatum] = Datum(start.AddMonths(14)),
            [Column.Volume] = 7,
            [Column.Eenheid] = oud.Eenheid,
            [Column.Frequentie] = 2,
            [Column.Productcode2023] = nieuw,
        });
    }

    /// <summary>A date as the format writes it (dd-MM-yyyy).</summary>
    public static string Datum(DateOnly d) => d.ToString("dd-MM-yyyy", System.Globalization.CultureInfo.InvariantCulture);

    public object? this[Column column] => _values.GetValueOrDefault(column);

    /// <summary>The ambulant row an aanbieder adds for this row: a copy with categorie 50, no product code and a budget.</summary>
    public RijBuilder Ambulant() => Copy()
        .With(Column.Productcategorie2023, "50")
        .With(Column.Productcode2023, null)
        .With(Column.Budget2023, "2.500,00");

    public RijBuilder Copy() => new(new Dictionary<Column, object?>(_values));

    public RijBuilder With(Column column, object? value)
    {
        _values[column] = value;
        return this;
    }

    public Row Build(int rij = 2)
    {
        var row = new Row(rij);
        foreach (var (column, value) in _values) row[column] = CellOf(value);
        return row;
    }

    public static Cell CellOf(object? value) => value switch
    {
        null => Cell.Empty,
        string s => Cell.FromText(s),
        bool b => Cell.FromBoolean(b),
        int i => Cell.FromNumber(i),
        long l => Cell.FromNumber(l),
        double d => Cell.FromNumber(d),
        decimal m => Cell.FromNumber((double)m),
        _ => throw new ArgumentException("unsupported test value"),
    };
}

public static class Engine
{
    public static readonly Catalogus EmbeddedCatalogus = CatalogusLoader.LoadEmbedded();

    public static readonly Sealer TestSealer = new(System.Text.Encoding.UTF8.GetBytes(VerzegelingOptions.DevelopmentSleutel));

    private static readonly Validator Validator = new(EmbeddedCatalogus, TestSealer);

    public static Beoordeling Validate(Fase fase, params RijBuilder[] rows) =>
        Validator.Validate(rows.Select((r, i) => r.Build(i + 2)).ToList(), fase);

    public static RijUitslag Judge(RijBuilder row, Fase fase = Fase.Aanbieder) => Validate(fase, row).Rijen[0];

    /// <summary>The rules of another catalogue (see <see cref="Catalogi"/>).</summary>
    public static Beoordeling Validate(Catalogus catalogus, Fase fase, params RijBuilder[] rows) =>
        new Validator(catalogus, TestSealer).Validate(rows.Select((r, i) => r.Build(i + 2)).ToList(), fase);

    public static RijUitslag Judge(Catalogus catalogus, RijBuilder row, Fase fase = Fase.Aanbieder) => Validate(catalogus, fase, row).Rijen[0];

    public static void HasMelding(this RijUitslag rij, string code, string kolom, Ernst ernst)
    {
        var melding = Assert.Single(rij.Meldingen, m => m.Code == code);
        Assert.Equal(kolom, melding.Kolom);
        Assert.Equal(ernst, melding.Ernst);
    }

    public static void LacksMelding(this RijUitslag rij, string code) =>
        Assert.DoesNotContain(rij.Meldingen, m => m.Code == code);

    /// <summary>The single message of a row, for tests that change one thing and expect exactly one melding.</summary>
    public static Melding OnlyMelding(this RijUitslag rij) => Assert.Single(rij.Meldingen);
}
