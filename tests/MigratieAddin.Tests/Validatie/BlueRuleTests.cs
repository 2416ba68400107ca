using System.Globalization;
using MigratieAddin.Api;
using static MigratieAddin.Tests.Engine;

namespace MigratieAddin.Tests;

/// <summary>The blue columns' rules. Every rule that depends on the region (gemeenten, aanbieders, products, dates)
/// runs as a theory over both shipped catalogues, with the row built from that catalogue's own codes and dates.</summary>
public class BlueRuleTests
{
    private static RijBuilder Row() => RijBuilder.Omzetting();

    /// <summary>A complete row in the terms of the catalogue a theory runs on (see <see cref="Catalogi.Alle"/>).</summary>
    private static RijBuilder Row(Catalogus c) => RijBuilder.Omzetting(c);

    private static string Datum(DateOnly d) => RijBuilder.Datum(d);

    [Fact]
    public void TheBuildersRowIsOkWithoutMessages()
    {
        var rij = Judge(Row());
        Assert.Equal(Status.Ok, rij.Status);
        Assert.Empty(rij.Meldingen);
    }

    [Theory]
    [InlineData(Column.Gemeentecode)]
    [InlineData(Column.AanbiederAgb)]
    [InlineData(Column.Bsn)]
    [InlineData(Column.Naam)]
    [InlineData(Column.Geboortedatum)]
    [InlineData(Column.Toewijzingnummer)]
    [InlineData(Column.Productcode2022)]
    [InlineData(Column.Ingangsdatum)]
    [InlineData(Column.Einddatum)]
    [InlineData(Column.Volume)]
    [InlineData(Column.Eenheid)]
    [InlineData(Column.Frequentie)]
    public void AnEmptyRequiredBlueCellIsVerplicht(Column column)
    {
        var rij = Judge(Row().With(column, "  "));
        rij.HasMelding("VERPLICHT", column.Key(), Ernst.Fout);
        Assert.Equal(Status.Fout, rij.Status);
    }

    [Theory]
    [InlineData(Column.AanbiederNaam)]
    [InlineData(Column.Productcategorie2022)]
    public void NaamAanbiederAndProductcategorie2022MayBeEmpty(Column column) =>
        Assert.Empty(Judge(Row().With(column, null)).Meldingen);

    [Theory]
    [InlineData("999912346")]
    [InlineData("99991234")]
    [InlineData("9999123460")]
    [InlineData("000000000")]
    [InlineData(0)]
    [InlineData("99991234X")]
    [InlineData("#N/A")]
    public void ABsnThatIsNotNineDigitsAllZerosOrFailsTheElfproefIsOngeldig(object bsn) =>
        Judge(Row().With(Column.Bsn, bsn)).HasMelding("BSN_ONGELDIG", "bsn", Ernst.Fout);

    [Theory]
    [InlineData("999925702")]
    [InlineData(999925702)]
    [InlineData(12345672)]
    [InlineData("12345672")]
    public void ABsnThatPassesTheElfproefAfterRestoringZerosIsValid(object bsn) =>
        Judge(Row().With(Column.Bsn, bsn)).LacksMelding("BSN_ONGELDIG");

    [Theory]
    [InlineData("abc")]
    [InlineData(1234567890)]
    [InlineData(-5)]
    [InlineData(12.5)]
    [InlineData(0)]
    public void AToewijzingnummerThatIsNoWholeNumberOfOneToNineDigitsIsOngeldig(object nummer) =>
        Judge(Row().With(Column.Toewijzingnummer, nummer)).HasMelding("TOEWIJZINGNUMMER_ONGELDIG", "toewijzingnummer", Ernst.Fout);

    [Theory]
    [InlineData("0410000001")]
    [InlineData(999999999)]
    [InlineData(1)]
    public void AToewijzingnummerOfAtMostNineSignificantDigitsIsValid(object nummer) =>
        Assert.Empty(Judge(Row().With(Column.Toewijzingnummer, nummer)).Meldingen);

    [Theory]
    [InlineData("0194")]
    [InlineData("Zwolle")]
    [InlineData("01930")]
    public void AGemeentecodeOutsideTheRegioIsOnbekend(object code) =>
        Judge(Row().With(Column.Gemeentecode, code)).HasMelding("GEMEENTE_ONBEKEND", "gemeentecode", Ernst.Fout);

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AGemeentecodeWithLostLeadingZeroIsKnown(string name)
    {
        var c = Catalogi.Load(name);
        foreach (var code in c.Gemeenten.Select(g => g.Cbscode).Where(g => g.StartsWith('0')))
        {
            Assert.Empty(Judge(c, Row(c).With(Column.Gemeentecode, int.Parse(code, CultureInfo.InvariantCulture))).Meldingen);
            Assert.Empty(Judge(c, Row(c).With(Column.Gemeentecode, code.TrimStart('0'))).Meldingen);
        }
    }

    [Theory]
    [InlineData("980000221")]
    [InlineData("AGB98000")]
    [InlineData(12.5)]
    public void AnAgbThatIsNotEightDigitsIsOngeldig(object agb) =>
        Judge(Row().With(Column.AanbiederAgb, agb)).HasMelding("AGB_ONGELDIG", "aanbiederAgb", Ernst.Fout);

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AValidAgbOutsideTheGegundeAanbiedersCannotBeConverted(string name)
    {
        var c = Catalogi.Load(name);
        var outside = Enumerable.Range(98000090, 100).Select(n => n.ToString(CultureInfo.InvariantCulture)).First(a => c.Aanbieders.All(x => x.Agb != a));
        var rij = Judge(c, Row(c).With(Column.AanbiederAgb, outside));
        Assert.Equal("AANBIEDER_NIET_GEGUND", rij.OnlyMelding().Code);
        Assert.Equal("aanbiederAgb", rij.OnlyMelding().Kolom);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AGegundeAgbGivenAsNumberIsAccepted(string name)
    {
        var c = Catalogi.Load(name);
        var row = Row(c);
        Assert.Empty(Judge(c, row.With(Column.AanbiederAgb, int.Parse((string)row[Column.AanbiederAgb]!, CultureInfo.InvariantCulture))).Meldingen);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void ADifferentAanbiederNaamIsInfoAndKeepsTheRowOk(string name)
    {
        var c = Catalogi.Load(name);
        var row = Row(c);
        var other = c.Aanbieders.First(a => a.Agb != (string)row[Column.AanbiederAgb]!).Naam;
        var rij = Judge(c, row.With(Column.AanbiederNaam, other));
        rij.HasMelding("AANBIEDER_NAAM_AFWIJKEND", "aanbiederNaam", Ernst.Info);
        Assert.Equal(Status.Ok, rij.Status);
    }

    [Theory]
    [InlineData("  BETAHUIS gezinshuizen ")]
    [InlineData("bètahuis gezinshuizen")]
    public void TheAanbiederNaamIsComparedWithoutCaseAccentsAndSpaces(string naam) =>
        Assert.Empty(Judge(Row().With(Column.AanbiederNaam, naam)).Meldingen);

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AnUnknownProductcode2022IsOnbekend(string name)
    {
        var c = Catalogi.Load(name);
        Assert.DoesNotContain(c.Producten2022, p => p.Productcode == "99999");
        Judge(c, Row(c).With(Column.Productcode2022, "99999")).HasMelding("PRODUCT2022_ONBEKEND", "productcode2022", Ernst.Fout);
    }

    [Theory]
    [InlineData(" 44301 ")]
    [InlineData(44301)]
    public void AKnownProductcode2022GivenAsNumberOrPaddedTextIsKnown(object code) =>
        Assert.Empty(Judge(Row().With(Column.Productcode2022, code)).Meldingen);

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AGgzVerblijfCodeDoesNotBelongInTheFormat(string name)
    {
        var c = Catalogi.Load(name);
        var ggz = c.Producten2022.First(p => p.IsGgzVerblijf);
        var rij = Judge(c, Row(c).With(Column.Productcode2022, ggz.Productcode).With(Column.Productcategorie2022, int.Parse(ggz.Productcategorie, CultureInfo.InvariantCulture)));
        Assert.Equal("PRODUCT2022_GGZ", rij.OnlyMelding().Code);
        Assert.Equal("productcode2022", rij.OnlyMelding().Kolom);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AProductcategorie2022ThatDoesNotMatchTheCodeIsOnjuist(string name)
    {
        var c = Catalogi.Load(name);
        var row = Row(c);
        var other = c.Producten2022.Select(p => p.Productcategorie).First(k => k != (string)row[Column.Productcategorie2022]!);
        Judge(c, row.With(Column.Productcategorie2022, int.Parse(other, CultureInfo.InvariantCulture)))
            .HasMelding("PRODUCTCATEGORIE_ONJUIST", "productcategorie2022", Ernst.Fout);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AProductcategorie2022WithLeadingZeroMatches(string name)
    {
        var c = Catalogi.Load(name);
        var row = Row(c);
        Assert.Empty(Judge(c, row.With(Column.Productcategorie2022, "0" + (string)row[Column.Productcategorie2022]!)).Meldingen);
    }

    [Theory]
    [InlineData(Column.Geboortedatum, "31-02-2010")]
    [InlineData(Column.Ingangsdatum, "44652")]
    [InlineData(Column.Einddatum, 0)]
    [InlineData(Column.Einddatum, "morgen")]
    [InlineData(Column.Ingangsdatum, "2022/03/01")]
    public void ABlueDateThatIsNotADateIsOngeldig(Column column, object value)
    {
        var rij = Judge(Row().With(column, value));
        Assert.Equal("DATUM_ONGELDIG", rij.OnlyMelding().Code);
        Assert.Equal(column.Key(), rij.OnlyMelding().Kolom);
    }

    [Theory]
    [InlineData(Column.Geboortedatum, 40000)]
    [InlineData(Column.Ingangsdatum, "2022-03-01")]
    [InlineData(Column.Einddatum, "31/12/2023")]
    public void BlueDatesAsSerialsOrTextAreValid(Column column, object value) =>
        Assert.Empty(Judge(Row().With(column, value)).Meldingen);

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AnEinddatumBeforeTheIngangsdatumIsReportedOnEinddatumOnly(string name)
    {
        var c = Catalogi.Load(name);
        var ingang = c.Regio.IngangsdatumNieuw.AddMonths(-10);
        var rij = Judge(c, Row(c).With(Column.Ingangsdatum, Datum(ingang)).With(Column.Einddatum, Datum(ingang.AddDays(-1))));
        Assert.Equal("EINDDATUM_VOOR_INGANGSDATUM", rij.OnlyMelding().Code);
        Assert.Equal("einddatum", rij.OnlyMelding().Kolom);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AnEinddatumOnTheIngangsdatumIsNotBeforeIt(string name)
    {
        var c = Catalogi.Load(name);
        var ingang = Datum(c.Regio.IngangsdatumNieuw.AddMonths(-10));
        Judge(c, Row(c).With(Column.Ingangsdatum, ingang).With(Column.Einddatum, ingang)).LacksMelding("EINDDATUM_VOOR_INGANGSDATUM");
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AnEinddatumOnThePeildatumIsOutOfScope(string name)
    {
        var c = Catalogi.Load(name);
        Judge(c, Row(c).With(Column.Einddatum, Datum(c.Regio.Peildatum))).HasMelding("BUITEN_SCOPE_EINDDATUM", "einddatum", Ernst.Fout);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AnEinddatumTheDayAfterThePeildatumIsInScope(string name)
    {
        var c = Catalogi.Load(name);
        Assert.Empty(Judge(c, Row(c).With(Column.Einddatum, Datum(c.Regio.Peildatum.AddDays(1)))).Meldingen);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AnIngangsdatumAfterThePeildatumIsOutOfScope(string name)
    {
        var c = Catalogi.Load(name);
        Judge(c, Row(c).With(Column.Ingangsdatum, Datum(c.Regio.Peildatum.AddDays(1)))).HasMelding("BUITEN_SCOPE_INGANGSDATUM", "ingangsdatum", Ernst.Fout);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AnIngangsdatumOnThePeildatumIsInScope(string name)
    {
        var c = Catalogi.Load(name);
        Assert.Empty(Judge(c, Row(c).With(Column.Ingangsdatum, Datum(c.Regio.Peildatum))).Meldingen);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AGeboortedatumAfterTheIngangsdatumIsOnlogisch(string name)
    {
        var c = Catalogi.Load(name);
        var ingang = c.Regio.IngangsdatumNieuw.AddMonths(-10);
        Judge(c, Row(c).With(Column.Ingangsdatum, Datum(ingang)).With(Column.Geboortedatum, Datum(ingang.AddDays(1))))
            .HasMelding("GEBOORTEDATUM_ONLOGISCH", "geboortedatum", Ernst.Fout);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AJeugdigeOf23OnTheNewStartDateIsOnlogisch(string name)
    {
        var c = Catalogi.Load(name);
        Judge(c, Row(c).With(Column.Geboortedatum, Datum(c.Regio.IngangsdatumNieuw.AddYears(-23)))).HasMelding("GEBOORTEDATUM_ONLOGISCH", "geboortedatum", Ernst.Fout);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AJeugdigeOf22OnTheNewStartDateNeedsOverlegNotAFout(string name)
    {
        var c = Catalogi.Load(name);
        var rij = Judge(c, Row(c).With(Column.Geboortedatum, Datum(c.Regio.IngangsdatumNieuw.AddYears(-23).AddDays(1))));
        Assert.Equal("LEEFTIJD_18_PLUS", rij.OnlyMelding().Code);
        Assert.Equal(Status.Overleg, rij.Status);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AJeugdigeWhoIs18OnTheNewStartDateNeedsOverleg(string name)
    {
        var c = Catalogi.Load(name);
        Judge(c, Row(c).With(Column.Geboortedatum, Datum(c.Regio.IngangsdatumNieuw.AddYears(-18)))).HasMelding("LEEFTIJD_18_PLUS", "geboortedatum", Ernst.Overleg);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AJeugdigeWhoTurns18TheDayAfterTheNewStartDateIsOk(string name)
    {
        var c = Catalogi.Load(name);
        Assert.Empty(Judge(c, Row(c).With(Column.Geboortedatum, Datum(c.Regio.IngangsdatumNieuw.AddYears(-18).AddDays(1)))).Meldingen);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(100000000)]
    [InlineData(7.5)]
    [InlineData("zeven")]
    [InlineData("7,5")]
    public void AVolumeThatIsNoWholeNumberFromOneTo99999999IsOngeldig(object volume) =>
        Judge(Row().With(Column.Volume, volume)).HasMelding("OMVANG_ONGELDIG", "volume", Ernst.Fout);

    [Theory]
    [InlineData(99999999)]
    [InlineData(1)]
    [InlineData("1.000")]
    public void AVolumeFromOneTo99999999IsValid(object volume) =>
        Judge(Row().With(Column.Volume, volume)).LacksMelding("OMVANG_ONGELDIG");

    [Theory]
    [InlineData("05")]
    [InlineData("uur")]
    [InlineData(100)]
    public void AnEenheidThatIsNoIjwCodeIsOngeldig(object eenheid) =>
        Judge(Row().With(Column.Eenheid, eenheid)).HasMelding("OMVANG_ONGELDIG", "eenheid", Ernst.Fout);

    [Theory]
    [InlineData(3)]
    [InlineData("week")]
    public void AFrequentieThatIsNoIjwCodeIsOngeldig(object frequentie) =>
        Judge(Row().With(Column.Frequentie, frequentie)).HasMelding("OMVANG_ONGELDIG", "frequentie", Ernst.Fout);

    [Theory]
    [InlineData("14")]
    [InlineData("16")]
    [InlineData(83)]
    [InlineData("84")]
    public void AnEenheidThatCannotBeGivenPerDayWithFrequentie1BreaksCs338OnFrequentie(object eenheid)
    {
        var rij = Judge(Row().With(Column.Eenheid, eenheid).With(Column.Frequentie, 1));
        rij.HasMelding("OMVANG_ONGELDIG", "frequentie", Ernst.Fout);
        Assert.Single(rij.Meldingen);
    }

    [Theory]
    [InlineData(4, 1)]
    [InlineData("1", "01")]
    [InlineData(14, "02")]
    public void EenheidUurPerDagAndCodesWithoutLeadingZeroAreValid(object eenheid, object frequentie) =>
        Assert.Empty(Judge(Row().With(Column.Eenheid, eenheid).With(Column.Frequentie, frequentie)).Meldingen);

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void TwoRowsWithTheSameGemeenteAndToewijzingnummerAreBothDubbel(string name)
    {
        var c = Catalogi.Load(name);
        var nummer = (int)Row(c)[Column.Toewijzingnummer]!;
        var b = Validate(c, Fase.Gemeente, Row(c), Row(c).With(Column.Toewijzingnummer, "0" + nummer.ToString(CultureInfo.InvariantCulture)).With(Column.Bsn, "999971669"));
        Assert.All(b.Rijen, r => r.HasMelding("DUBBELE_TOEWIJZING", "toewijzingnummer", Ernst.Fout));
        Assert.Contains("rij 3", b.Rijen[0].Meldingen[0].Tekst);
    }

    [Fact]
    public void OfThreeRowsWithOneToewijzingnummerTheFirstPointsAtTheSecondAndTheOthersAtTheFirst()
    {
        var b = Validate(Fase.Gemeente, Row(), Row().With(Column.Bsn, TestBsn.Make(1)), Row().With(Column.Bsn, TestBsn.Make(2)), Row().With(Column.Toewijzingnummer, 230000009));
        Assert.Equal(["rij 3", "rij 2", "rij 2"], b.Rijen.Take(3).Select(r => System.Text.RegularExpressions.Regex.Match(r.OnlyMelding().Tekst, @"rij \d+").Value));
        Assert.Empty(b.Rijen[3].Meldingen);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void TheSameToewijzingnummerInAnotherGemeenteIsNotDubbel(string name)
    {
        var c = Catalogi.Load(name);
        var b = Validate(c, Fase.Gemeente, Row(c), Row(c).With(Column.Gemeentecode, c.Gemeenten[1].Cbscode));
        Assert.All(b.Rijen, r => Assert.Empty(r.Meldingen));
    }

    [Theory]
    [InlineData("9999")]
    [InlineData(9999)]
    [InlineData("Zwolle")]
    public void RowsWithAGemeentecodeOutsideTheRegioAreNotComparedForDubbeleToewijzing(object code)
    {
        var b = Validate(Fase.Gemeente, Row().With(Column.Gemeentecode, code), Row().With(Column.Gemeentecode, code).With(Column.Bsn, "999971669"));
        Assert.All(b.Rijen, r =>
        {
            r.HasMelding("GEMEENTE_ONBEKEND", "gemeentecode", Ernst.Fout);
            r.LacksMelding("DUBBELE_TOEWIJZING");
        });
    }

    [Theory]
    [InlineData(0)]
    [InlineData("x")]
    [InlineData(1234567890)]
    public void RowsWithAnInvalidToewijzingnummerAreNotComparedForDubbeleToewijzing(object nummer)
    {
        var b = Validate(Fase.Gemeente, Row().With(Column.Toewijzingnummer, nummer), Row().With(Column.Toewijzingnummer, nummer).With(Column.Bsn, "999971669"));
        Assert.All(b.Rijen, r => Assert.Equal("TOEWIJZINGNUMMER_ONGELDIG", r.OnlyMelding().Code));
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AGemeentecodeAndToewijzingnummerFromAFormulaAreComparedAsExcelShowsThem(string name)
    {
        // A formula's result a hair below the whole number (e.g. 192.99999999999997 for 193) is what Excel shows as that number.
        var c = Catalogi.Load(name);
        var row = Row(c);
        var gemeente = double.Parse((string)row[Column.Gemeentecode]!, CultureInfo.InvariantCulture);
        var b = Validate(c, Fase.Gemeente, row, Row(c).With(Column.Gemeentecode, Math.BitDecrement(gemeente))
            .With(Column.Toewijzingnummer, Math.BitDecrement((double)(int)row[Column.Toewijzingnummer]!)).With(Column.Bsn, "999971669"));
        Assert.All(b.Rijen, r => Assert.Equal("DUBBELE_TOEWIJZING", r.OnlyMelding().Code));
    }

    [Theory]
    [InlineData(14.000000000000002, 2)]
    [InlineData(4.0000000000000009, 1.0000000000000002)]
    [InlineData(83.000000000000014, 4)]
    public void AnEenheidAndFrequentieFromAFormulaAreReadAsExcelShowsThem(double eenheid, double frequentie) =>
        Assert.Empty(Judge(Row().With(Column.Eenheid, eenheid).With(Column.Frequentie, frequentie)).Meldingen);

    [Fact]
    public void AnEenheidFromAFormulaStillBreaksCs338WithFrequentie1() =>
        Judge(Row().With(Column.Eenheid, 14.000000000000002).With(Column.Frequentie, 1)).HasMelding("OMVANG_ONGELDIG", "frequentie", Ernst.Fout);

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AGeboortedatumAfterTheNewStartDateIsOnlogischAlsoWithoutIngangsdatum(string name)
    {
        var c = Catalogi.Load(name);
        var start = c.Regio.IngangsdatumNieuw;
        var rij = Judge(c, Row(c).With(Column.Ingangsdatum, null).With(Column.Geboortedatum, Datum(start.AddDays(1))));
        rij.HasMelding("GEBOORTEDATUM_ONLOGISCH", "geboortedatum", Ernst.Fout);
        Assert.Contains(Datum(start), rij.Meldingen.Single(m => m.Code == "GEBOORTEDATUM_ONLOGISCH").Tekst);
    }

    [Theory]
    [MemberData(nameof(Catalogi.Alle), MemberType = typeof(Catalogi))]
    public void AGeboortedatumOnTheIngangsdatumIsNotOnlogisch(string name)
    {
        var c = Catalogi.Load(name);
        var ingang = Datum(c.Regio.IngangsdatumNieuw.AddMonths(-10));
        Assert.Empty(Judge(c, Row(c).With(Column.Ingangsdatum, ingang).With(Column.Geboortedatum, ingang)).Meldingen);
    }

    [Fact]
    public void ToewijzingnummerOngeldigSaysTheRangeSoThatZeroIsClearlyOutsideIt() =>
        Assert.Contains("1 tot en met 999.999.999", Judge(Row().With(Column.Toewijzingnummer, 0)).OnlyMelding().Tekst);
}
