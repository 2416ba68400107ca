using MigratieAddin.Api;
using static MigratieAddin.Tests.Engine;

namespace MigratieAddin.Tests;

public class BlueRuleTests
{
    private static RijBuilder Row() => RijBuilder.Omzetting();

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
    [InlineData(193)]
    [InlineData("193")]
    [InlineData(1708)]
    public void AGemeentecodeWithLostLeadingZeroIsKnown(object code) =>
        Assert.Empty(Judge(Row().With(Column.Gemeentecode, code)).Meldingen);

    [Theory]
    [InlineData("980000221")]
    [InlineData("AGB98000")]
    [InlineData(12.5)]
    public void AnAgbThatIsNotEightDigitsIsOngeldig(object agb) =>
        Judge(Row().With(Column.AanbiederAgb, agb)).HasMelding("AGB_ONGELDIG", "aanbiederAgb", Ernst.Fout);

    [Fact]
    public void AValidAgbOutsideTheGegundeAanbiedersCannotBeConverted()
    {
        var rij = Judge(Row().With(Column.AanbiederAgb, "98000099"));
        Assert.Equal("AANBIEDER_NIET_GEGUND", rij.OnlyMelding().Code);
        Assert.Equal("aanbiederAgb", rij.OnlyMelding().Kolom);
    }

    [Fact]
    public void AGegundeAgbGivenAsNumberIsAccepted() =>
        Assert.Empty(Judge(Row().With(Column.AanbiederAgb, 98000022)).Meldingen);

    [Fact]
    public void ADifferentAanbiederNaamIsInfoAndKeepsTheRowOk()
    {
        var rij = Judge(Row().With(Column.AanbiederNaam, "Gamma Wonen Jong"));
        rij.HasMelding("AANBIEDER_NAAM_AFWIJKEND", "aanbiederNaam", Ernst.Info);
        Assert.Equal(Status.Ok, rij.Status);
    }

    [Theory]
    [InlineData("  BETAHUIS gezinshuizen ")]
    [InlineData("bètahuis gezinshuizen")]
    public void TheAanbiederNaamIsComparedWithoutCaseAccentsAndSpaces(string naam) =>
        Assert.Empty(Judge(Row().With(Column.AanbiederNaam, naam)).Meldingen);

    [Fact]
    public void AnUnknownProductcode2022IsOnbekend() =>
        Judge(Row().With(Column.Productcode2022, "99999")).HasMelding("PRODUCT2022_ONBEKEND", "productcode2022", Ernst.Fout);

    [Theory]
    [InlineData(" 44301 ")]
    [InlineData(44301)]
    public void AKnownProductcode2022GivenAsNumberOrPaddedTextIsKnown(object code) =>
        Assert.Empty(Judge(Row().With(Column.Productcode2022, code)).Meldingen);

    [Fact]
    public void AGgzVerblijfCodeDoesNotBelongInTheFormat()
    {
        var rij = Judge(Row().With(Column.Productcode2022, "54301").With(Column.Productcategorie2022, 54));
        Assert.Equal("PRODUCT2022_GGZ", rij.OnlyMelding().Code);
        Assert.Equal("productcode2022", rij.OnlyMelding().Kolom);
    }

    [Fact]
    public void AProductcategorie2022ThatDoesNotMatchTheCodeIsOnjuist() =>
        Judge(Row().With(Column.Productcategorie2022, 43)).HasMelding("PRODUCTCATEGORIE_ONJUIST", "productcategorie2022", Ernst.Fout);

    [Fact]
    public void AProductcategorie2022WithLeadingZeroMatches() =>
        Assert.Empty(Judge(Row().With(Column.Productcategorie2022, "044")).Meldingen);

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

    [Fact]
    public void AnEinddatumBeforeTheIngangsdatumIsReportedOnEinddatumOnly()
    {
        var rij = Judge(Row().With(Column.Ingangsdatum, "01-03-2022").With(Column.Einddatum, "28-02-2022"));
        Assert.Equal("EINDDATUM_VOOR_INGANGSDATUM", rij.OnlyMelding().Code);
        Assert.Equal("einddatum", rij.OnlyMelding().Kolom);
    }

    [Fact]
    public void AnEinddatumOnTheIngangsdatumIsNotBeforeIt() =>
        Judge(Row().With(Column.Ingangsdatum, "01-03-2022").With(Column.Einddatum, "01-03-2022")).LacksMelding("EINDDATUM_VOOR_INGANGSDATUM");

    [Fact]
    public void AnEinddatumOnThePeildatumIsOutOfScope() =>
        Judge(Row().With(Column.Einddatum, "31-12-2022")).HasMelding("BUITEN_SCOPE_EINDDATUM", "einddatum", Ernst.Fout);

    [Fact]
    public void AnEinddatumTheDayAfterThePeildatumIsInScope() =>
        Assert.Empty(Judge(Row().With(Column.Einddatum, "01-01-2023")).Meldingen);

    [Fact]
    public void AnIngangsdatumAfterThePeildatumIsOutOfScope() =>
        Judge(Row().With(Column.Ingangsdatum, "01-01-2023")).HasMelding("BUITEN_SCOPE_INGANGSDATUM", "ingangsdatum", Ernst.Fout);

    [Fact]
    public void AnIngangsdatumOnThePeildatumIsInScope() =>
        Assert.Empty(Judge(Row().With(Column.Ingangsdatum, "31-12-2022")).Meldingen);

    [Fact]
    public void AGeboortedatumAfterTheIngangsdatumIsOnlogisch() =>
        Judge(Row().With(Column.Geboortedatum, "02-03-2022")).HasMelding("GEBOORTEDATUM_ONLOGISCH", "geboortedatum", Ernst.Fout);

    [Fact]
    public void AJeugdigeOf23OnTheNewStartDateIsOnlogisch() =>
        Judge(Row().With(Column.Geboortedatum, "01-01-2000")).HasMelding("GEBOORTEDATUM_ONLOGISCH", "geboortedatum", Ernst.Fout);

    [Fact]
    public void AJeugdigeOf22OnTheNewStartDateNeedsOverlegNotAFout()
    {
        var rij = Judge(Row().With(Column.Geboortedatum, "02-01-2000"));
        Assert.Equal("LEEFTIJD_18_PLUS", rij.OnlyMelding().Code);
        Assert.Equal(Status.Overleg, rij.Status);
    }

    [Fact]
    public void AJeugdigeWhoIs18OnTheNewStartDateNeedsOverleg() =>
        Judge(Row().With(Column.Geboortedatum, "01-01-2005")).HasMelding("LEEFTIJD_18_PLUS", "geboortedatum", Ernst.Overleg);

    [Fact]
    public void AJeugdigeWhoTurns18TheDayAfterTheNewStartDateIsOk() =>
        Assert.Empty(Judge(Row().With(Column.Geboortedatum, "02-01-2005")).Meldingen);

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

    [Fact]
    public void TwoRowsWithTheSameGemeenteAndToewijzingnummerAreBothDubbel()
    {
        var b = Validate(Fase.Gemeente, Row(), Row().With(Column.Toewijzingnummer, "0230000001").With(Column.Bsn, "999971669"));
        Assert.All(b.Rijen, r => r.HasMelding("DUBBELE_TOEWIJZING", "toewijzingnummer", Ernst.Fout));
        Assert.Contains("rij 3", b.Rijen[0].Meldingen[0].Tekst);
    }

    [Fact]
    public void TheSameToewijzingnummerInAnotherGemeenteIsNotDubbel()
    {
        var b = Validate(Fase.Gemeente, Row(), Row().With(Column.Gemeentecode, "0150"));
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

    [Fact]
    public void AGemeentecodeAndToewijzingnummerFromAFormulaAreComparedAsExcelShowsThem()
    {
        var b = Validate(Fase.Gemeente, Row(), Row().With(Column.Gemeentecode, 192.99999999999997)
            .With(Column.Toewijzingnummer, 230000000.99999997).With(Column.Bsn, "999971669"));
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

    [Fact]
    public void AGeboortedatumAfterTheNewStartDateIsOnlogischAlsoWithoutIngangsdatum()
    {
        var rij = Judge(Row().With(Column.Ingangsdatum, null).With(Column.Geboortedatum, "02-01-2023"));
        rij.HasMelding("GEBOORTEDATUM_ONLOGISCH", "geboortedatum", Ernst.Fout);
        Assert.Contains("01-01-2023", rij.Meldingen.Single(m => m.Code == "GEBOORTEDATUM_ONLOGISCH").Tekst);
    }

    [Fact]
    public void AGeboortedatumOnTheIngangsdatumIsNotOnlogisch() =>
        Assert.Empty(Judge(Row().With(Column.Geboortedatum, "01-03-2022")).Meldingen);

    [Fact]
    public void ToewijzingnummerOngeldigSaysTheRangeSoThatZeroIsClearlyOutsideIt() =>
        Assert.Contains("1 tot en met 999.999.999", Judge(Row().With(Column.Toewijzingnummer, 0)).OnlyMelding().Tekst);
}
