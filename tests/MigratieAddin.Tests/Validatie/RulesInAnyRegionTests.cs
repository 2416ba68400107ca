using System.Globalization;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>The rules read everything region-specific from the loaded catalogue: each test runs on IJsselland
/// (2022 to 2023) and on Beekdal (2026 to 2027) with rows made from that catalogue's own codes and dates.</summary>
public class RulesInAnyRegionTests
{
    private static string Datum(DateOnly d) => d.ToString("dd-MM-yyyy", CultureInfo.InvariantCulture);

    /// <summary>A complete omzetting row in this catalogue's terms: the aanbieder is gegund the standard omzetting of its old product.</summary>
    private static Row Complete(Catalogus c, params (Column Column, object? Value)[] changes)
    {
        var (aanbieder, oud, nieuw) = (from a in c.Aanbieders
                                       from p in c.Producten2022
                                       where !p.IsGgzVerblijf && !p.CombinatieAmbulant
                                       from o in c.OmzettingenFrom(p.Productcode)
                                       where o.Standaard && a.IsGegund(o.Productcode2023)
                                       select (a, p, c.Product2023(o.Productcode2023)!)).First();
        var start = c.Regio.IngangsdatumNieuw;
        var values = new Dictionary<Column, object?>
        {
            [Column.Gemeentecode] = c.Gemeenten[0].Cbscode,
            [Column.AanbiederAgb] = aanbieder.Agb,
            [Column.AanbiederNaam] = aanbieder.Naam,
            [Column.Bsn] = RijBuilder.Bsn,
            [Column.Naam] = RijBuilder.Naam,
            [Column.Geboortedatum] = Datum(start.AddYears(-15)),
            [Column.Toewijzingnummer] = 1001,
            [Column.Productcategorie2022] = oud.Productcategorie,
            [Column.Productcode2022] = oud.Productcode,
            [Column.Ingangsdatum] = Datum(start.AddMonths(-10)),
            [Column.Einddatum] = Datum(start.AddMonths(14)),
            [Column.Volume] = 7,
            [Column.Eenheid] = oud.Eenheid,
            [Column.Frequentie] = 2,
            [Column.Productcode2023] = nieuw.Productcode,
        };
        foreach (var (column, value) in changes) values[column] = value;
        var row = new Row(2);
        foreach (var (column, value) in values) row[column] = RijBuilder.CellOf(value);
        return row;
    }

    private static RijUitslag Judge(Catalogus c, Row row) => new Validator(c, Engine.TestSealer).Validate([row], Fase.Aanbieder).Rijen[0];

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void ACompleteRowInTheRegionsOwnCodesIsOk(string name)
    {
        var c = Catalogi.Load(name);
        var uitslag = Judge(c, Complete(c));
        Assert.Empty(uitslag.Meldingen);
        Assert.Equal(Status.Ok, uitslag.Status);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AnUnknownNewProductIsNamedInTheRegionsNewYear(string name)
    {
        var c = Catalogi.Load(name);
        var melding = Judge(c, Complete(c, (Column.Productcode2023, "99Z99"))).OnlyMelding();
        Assert.Equal("PRODUCT2023_ONBEKEND", melding.Code);
        Assert.Equal($"Productcode {c.Regio.JaarNieuw} staat niet in het tabblad Producten {c.Regio.JaarNieuw}. Kies een code uit die lijst.", melding.Tekst);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AGemeenteOutsideTheRegionIsAFault(string name)
    {
        var c = Catalogi.Load(name);
        var outside = Catalogi.Load(name == "beekdal" ? "ijsselland" : "beekdal").Gemeenten[0].Cbscode;
        Judge(c, Complete(c, (Column.Gemeentecode, outside))).HasMelding("GEMEENTE_ONBEKEND", "gemeentecode", Ernst.Fout);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AnInvalidDateIsExplainedWithAnExampleInTheOldYear(string name)
    {
        var c = Catalogi.Load(name);
        var melding = Judge(c, Complete(c, (Column.Ingangsdatum, "31-02-x"))).OnlyMelding();
        Assert.Contains($"bijvoorbeeld 01-03-{c.Regio.JaarOud}.", melding.Tekst, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AnEinddatumBeforeTheNewStartNamesTheRegionsNewStart(string name)
    {
        var c = Catalogi.Load(name);
        var melding = Judge(c, Complete(c, (Column.Einddatum2023, Datum(c.Regio.Peildatum)))).OnlyMelding();
        Assert.Equal("EINDDATUM_2023_ONGELDIG", melding.Code);
        Assert.Contains($"Einddatum {c.Regio.JaarNieuw} ligt voor {Datum(c.Regio.IngangsdatumNieuw)}", melding.Tekst, StringComparison.Ordinal);
    }

    // Half of a total volume of 1000 falls after the new start; 560 is 12% above the expected 500:
    // beyond IJsselland's 10% tolerance, within Beekdal's 15%.
    [Theory]
    [InlineData("ijsselland", "10%")]
    [InlineData("beekdal", null)]
    public void ATotalVolumeMayDeviateByTheRegionsOwnTolerance(string name, string? reported)
    {
        var c = Catalogi.Load(name);
        var start = c.Regio.IngangsdatumNieuw;
        var row = Complete(c, (Column.Frequentie, 6), (Column.Volume, 1000), (Column.Ingangsdatum, Datum(start.AddDays(-200))),
            (Column.Einddatum, Datum(start.AddDays(199))), (Column.Volume2023, 560));
        var uitslag = Judge(c, row);
        if (reported is null) Assert.Empty(uitslag.Meldingen);
        else Assert.Contains($"meer dan {reported} af", uitslag.OnlyMelding().Tekst, StringComparison.Ordinal);
    }
}
