using MigratieAddin.Api;
using static MigratieAddin.Tests.Engine;

namespace MigratieAddin.Tests;

public class YellowRuleTests
{
    private static RijBuilder Row() => RijBuilder.Omzetting();

    [Fact]
    public void AnOmzettingRowWithoutProductcode2023IsOnvolledig()
    {
        var rij = Judge(Row().With(Column.Productcode2023, null));
        rij.HasMelding("PRODUCT2023_LEEG", "productcode2023", Ernst.Onvolledig);
        Assert.Equal(Status.Onvolledig, rij.Status);
    }

    [Fact]
    public void InFaseGemeenteTheYellowColumnsAreNotJudged() =>
        Assert.Empty(Judge(Row().With(Column.Productcode2023, null).With(Column.Budget2023, "12"), Fase.Gemeente).Meldingen);

    [Fact]
    public void AnUnknownProductcode2023IsOnbekend() =>
        Judge(Row().With(Column.Productcode2023, "44A99")).HasMelding("PRODUCT2023_ONBEKEND", "productcode2023", Ernst.Fout);

    [Fact]
    public void AProductcode2023InLowerCaseWithSpacesIsKnown() =>
        Assert.Empty(Judge(Row().With(Column.Productcode2023, " 44a08 ")).Meldingen);

    [Fact]
    public void AProductcategorie2023ThatDoesNotMatchTheCodeIsOnjuist() =>
        Judge(Row().With(Column.Productcategorie2023, 43)).HasMelding("PRODUCTCATEGORIE_2023_ONJUIST", "productcategorie2023", Ernst.Fout);

    [Fact]
    public void AProductcategorie2023ThatMatchesTheCodeIsFine() =>
        Assert.Empty(Judge(Row().With(Column.Productcategorie2023, "44")).Meldingen);

    [Fact]
    public void AProductcode2023ThatIsNotGegundToTheAanbiederIsNietGegund() =>
        Judge(Row().With(Column.Productcode2023, "44A21").With(Column.Productcode2022, "44311").With(Column.Productcategorie2022, null))
            .HasMelding("PRODUCT2023_NIET_GEGUND", "productcode2023", Ernst.Fout);

    [Fact]
    public void AGegundProductcode2023IsNotReportedAsNietGegund() =>
        Judge(Row().With(Column.Productcode2023, "44A09")).LacksMelding("PRODUCT2023_NIET_GEGUND");

    [Fact]
    public void AProductcode2023OutsideTheOmzettingstabelIsNietToegestaan()
    {
        var delta = Row().With(Column.AanbiederAgb, "98000044").With(Column.AanbiederNaam, null).With(Column.Productcode2023, "43A12");
        Judge(delta).HasMelding("PRODUCT2023_NIET_TOEGESTAAN", "productcode2023", Ernst.Fout);
    }

    [Fact]
    public void AnAllowedButNonStandardConversionNeedsOverleg()
    {
        var rij = Judge(Row().With(Column.Productcode2023, "44A09"));
        rij.HasMelding("INTENSITEIT_GEWIJZIGD", "productcode2023", Ernst.Overleg);
        Assert.Equal(Status.Overleg, rij.Status);
        Assert.Contains("44A08", rij.OnlyMelding().Tekst);
    }

    [Fact]
    public void TheStandardConversionNeedsNoOverleg() =>
        Judge(Row().With(Column.Productcode2023, "44A08")).LacksMelding("INTENSITEIT_GEWIJZIGD");

    [Theory]
    [InlineData("eind 2023")]
    [InlineData("31-12-2022")]
    [InlineData(44926)]
    public void AnEinddatum2023ThatIsNoDateOrBeforeTheNewStartIsOngeldig(object value) =>
        Judge(Row().With(Column.Einddatum2023, value)).HasMelding("EINDDATUM_2023_ONGELDIG", "einddatum2023", Ernst.Fout);

    [Fact]
    public void AnEinddatum2023OnTheNewStartDateIsValidButAChange()
    {
        var rij = Judge(Row().With(Column.Einddatum2023, "01-01-2023"));
        rij.LacksMelding("EINDDATUM_2023_ONGELDIG");
        rij.HasMelding("EINDDATUM_GEWIJZIGD", "einddatum2023", Ernst.Overleg);
    }

    [Fact]
    public void AnEinddatum2023EqualToTheEinddatumInAnotherNotationIsNoChange() =>
        Assert.Empty(Judge(Row().With(Column.Einddatum2023, 45291)).Meldingen); // 45291 = 31-12-2023

    [Theory]
    [InlineData(0)]
    [InlineData("7,5")]
    [InlineData(100000000)]
    [InlineData("veel")]
    public void AVolume2023ThatIsNoWholeNumberFromOneTo99999999IsOngeldig(object value) =>
        Judge(Row().With(Column.Volume2023, value)).HasMelding("VOLUME_2023_ONGELDIG", "volume2023", Ernst.Fout);

    [Fact]
    public void AVolume2023DifferentFromAWeeklyVolumeNeedsOverleg() =>
        Judge(Row().With(Column.Volume2023, 8)).HasMelding("VOLUME_AFWIJKEND", "volume2023", Ernst.Overleg);

    [Fact]
    public void AVolume2023EqualToTheVolumeIsNoDeviation() =>
        Assert.Empty(Judge(Row().With(Column.Volume2023, "7")).Meldingen);

    // 730 etmalen from 01-01-2022 to 31-12-2023; 365 of those days fall in 2023, so 365 is expected, ±36.5.
    private static RijBuilder TotalRow(object volume2023) => Row()
        .With(Column.Ingangsdatum, "01-01-2022").With(Column.Einddatum, "31-12-2023")
        .With(Column.Volume, 730).With(Column.Frequentie, 6).With(Column.Volume2023, volume2023);

    [Theory]
    [InlineData(365)]
    [InlineData(401)]
    [InlineData(329)]
    public void AVolume2023WithinTenPercentOfTheExpectedPartOfATotalIsNoDeviation(int volume2023) =>
        Assert.Empty(Judge(TotalRow(volume2023)).Meldingen);

    [Theory]
    [InlineData(402)]
    [InlineData(328)]
    [InlineData(730)]
    public void AVolume2023MoreThanTenPercentFromTheExpectedPartOfATotalNeedsOverleg(int volume2023) =>
        Judge(TotalRow(volume2023)).HasMelding("VOLUME_AFWIJKEND", "volume2023", Ernst.Overleg);

    // Boundaries where the expected part is a repeating fraction: 6 × 10/11 = 5.4545…, and 6 lies exactly 10 % above it;
    // 10 × 8/9 = 8.888…, and 8 lies exactly 10 % below it. Decimal arithmetic rounds both just the wrong way.
    [Theory]
    [InlineData("31-12-2022", "10-01-2023", 6, 6, true)]
    [InlineData("31-12-2022", "10-01-2023", 6, 7, false)]
    [InlineData("31-12-2022", "08-01-2023", 10, 8, true)]
    [InlineData("31-12-2022", "08-01-2023", 10, 7, false)]
    [InlineData("22-12-2022", "10-04-2023", 7, 7, true)]
    public void AVolume2023ExactlyTenPercentFromARepeatingFractionIsAllowedAndOneMoreIsNot(
        string ingang, string einde, int volume, int volume2023, bool allowed)
    {
        var rij = Judge(Row().With(Column.Ingangsdatum, ingang).With(Column.Einddatum, einde)
            .With(Column.Volume, volume).With(Column.Frequentie, 6).With(Column.Volume2023, volume2023));
        if (allowed) Assert.DoesNotContain(rij.Meldingen, m => m.Code == "VOLUME_AFWIJKEND");
        else rij.HasMelding("VOLUME_AFWIJKEND", "volume2023", Ernst.Overleg);
    }

    [Theory]
    [InlineData(1, 1, 1, true)]
    [InlineData(99_999_999, 3_652_059, 3_652_058, true)]
    [InlineData(99_999_999, 3_652_059, 1, false)]
    public void TheExpectedVolumeIsJudgedExactlyAtTheLargestSizes(long volume, long totaal, long rest, bool allowedUnchanged)
    {
        var verwacht = new Verwacht(volume * rest, totaal);
        Assert.Equal(allowedUnchanged, verwacht.Allows(volume, 0.10m));
        Assert.True(verwacht.Allows(verwacht.RoundedUp, 0.10m) || verwacht.Teller < 10 * verwacht.Noemer);
        Assert.Equal((long)Math.Ceiling((decimal)volume * rest / totaal), verwacht.RoundedUp);
    }

    [Fact]
    public void TheToleranceInTheMessageIsWrittenTheDutchWayWhateverTheServersCulture()
    {
        var before = System.Globalization.CultureInfo.CurrentCulture;
        try
        {
            System.Globalization.CultureInfo.CurrentCulture = new System.Globalization.CultureInfo("en-US");
            Assert.Equal("7,5%", Dutch.Procent(0.075m));
            Assert.Equal("10%", Dutch.Procent(0.10m));
        }
        finally { System.Globalization.CultureInfo.CurrentCulture = before; }
    }

    // Zeta (98000066) is gegund 43A12, 43A13 and 54001; from 43302 only 43A12 and 43A13 are allowed omzettingen.
    private static RijBuilder ZetaRow(string code2023) => Row().With(Column.AanbiederAgb, "98000066")
        .With(Column.Productcategorie2022, 43).With(Column.Productcode2022, "43302").With(Column.Productcode2023, code2023);

    [Fact]
    public void ANietGegundCodeIsAdvisedOnlyCodesThatAreBothGegundAndAnAllowedOmzetting()
    {
        var tekst = Judge(ZetaRow("44A08")).Meldingen.Single(m => m.Code == "PRODUCT2023_NIET_GEGUND").Tekst;
        Assert.Contains("43A12, 43A13", tekst);
        Assert.DoesNotContain("54001", tekst);
    }

    [Fact]
    public void AnAanbiederReadsWhatToDoAndTheGemeenteInControleReadsWhatTheAanbiederDoes()
    {
        var aanbieder = Judge(Row().With(Column.Productcode2023, null)).Meldingen.Single().Tekst;
        var gemeente = Judge(Row().With(Column.Productcode2023, null), Fase.Controle).Meldingen.Single(m => m.Code == "PRODUCT2023_LEEG").Tekst;
        Assert.Contains("Kies de productcode 2023", aanbieder);
        Assert.Contains("De aanbieder kiest", gemeente);
    }

    [Fact]
    public void TheGemeenteInControleIsNeverToldToConsultTheGemeente()
    {
        var rows = new[]
        {
            Row().With(Column.Productcode2023, "44A09"), Row().With(Column.Volume2023, 8), Row().With(Column.Einddatum2023, "31-12-2023"),
            Row().With(Column.OpmerkingAanbieder, "zie mail"), Row().With(Column.Geboortedatum, "01-01-2004"),
        };
        var meldingen = rows.SelectMany(r => Judge(r, Fase.Controle).Meldingen).ToList();
        Assert.Contains(meldingen, m => m.Ernst == Ernst.Overleg);
        Assert.All(meldingen, m => Assert.DoesNotContain("met de gemeente", m.Tekst));
        Assert.All(meldingen, m => Assert.DoesNotMatch(@"\b(je|jij|jouw)\b", m.Tekst));
        var aanbieder = rows.SelectMany(r => Judge(r).Meldingen).Where(m => m.Ernst == Ernst.Overleg).ToList();
        Assert.All(aanbieder, m => Assert.DoesNotContain("geef akkoord", m.Tekst));
    }

    [Fact]
    public void TwoRowsOfOneJeugdigeWithTheSameProductcode2023AtOneAanbiederAreStapeling()
    {
        var b = Validate(Fase.Aanbieder, Row(), Row().With(Column.Toewijzingnummer, 230000002));
        Assert.All(b.Rijen, r => r.HasMelding("STAPELING", "productcode2023", Ernst.Fout));
    }

    [Fact]
    public void TwoRowsOfOneJeugdigeWithDifferentProductcodes2023AreNoStapeling()
    {
        var second = Row().With(Column.Toewijzingnummer, 230000002).With(Column.Productcode2022, "44302")
            .With(Column.Productcode2023, "44A09");
        var b = Validate(Fase.Aanbieder, Row(), second);
        Assert.All(b.Rijen, r => Assert.Empty(r.Meldingen));
    }

    [Fact]
    public void TheSameProductcode2023ForTwoJeugdigenIsNoStapeling()
    {
        var b = Validate(Fase.Aanbieder, Row(), Row().With(Column.Toewijzingnummer, 230000002).With(Column.Bsn, "999971669"));
        Assert.All(b.Rijen, r => Assert.Empty(r.Meldingen));
    }

    [Fact]
    public void ABudgetOnAnOmzettingRowIsNotAllowed() =>
        Judge(Row().With(Column.Budget2023, 100)).HasMelding("BUDGET_NIET_TOEGESTAAN", "budget2023", Ernst.Fout);

    [Fact]
    public void ARemarkOfTheAanbiederIsInfoAndKeepsTheRowOk()
    {
        var rij = Judge(Row().With(Column.OpmerkingAanbieder, "Graag bellen"));
        rij.HasMelding("OPMERKING", "opmerkingAanbieder", Ernst.Info);
        Assert.Equal(Status.Ok, rij.Status);
    }

    [Theory]
    [InlineData("999912346")]
    [InlineData("000000000")]
    [InlineData(0)]
    public void RowsWithAnInvalidBsnAreNotComparedForStapeling(object bsn)
    {
        var b = Validate(Fase.Aanbieder, Row().With(Column.Bsn, bsn), Row().With(Column.Bsn, bsn).With(Column.Toewijzingnummer, 230000002));
        Assert.All(b.Rijen, r =>
        {
            r.HasMelding("BSN_ONGELDIG", "bsn", Ernst.Fout);
            r.LacksMelding("STAPELING");
        });
    }

    [Theory]
    [InlineData("AGB98000")]
    [InlineData("980000221")]
    public void RowsWithAnInvalidAgbAreNotComparedForStapeling(string agb)
    {
        var b = Validate(Fase.Aanbieder, Row().With(Column.AanbiederAgb, agb), Row().With(Column.AanbiederAgb, agb).With(Column.Toewijzingnummer, 230000002));
        Assert.All(b.Rijen, r =>
        {
            r.HasMelding("AGB_ONGELDIG", "aanbiederAgb", Ernst.Fout);
            r.LacksMelding("STAPELING");
        });
    }

    [Fact]
    public void StapelingComparesTheBsnAsRead()
    {
        var b = Validate(Fase.Aanbieder, Row(), Row().With(Column.Bsn, 999925702.00000012).With(Column.Toewijzingnummer, 230000002));
        Assert.All(b.Rijen, r => r.HasMelding("STAPELING", "productcode2023", Ernst.Fout));
    }

    [Fact]
    public void RowsWhose2023PeriodsDoNotOverlapAreNoStapeling()
    {
        var b = Validate(Fase.Aanbieder, Row().With(Column.Einddatum2023, "30-06-2023"),
            Row().With(Column.Toewijzingnummer, 230000002).With(Column.Einddatum, "31-12-2022"));
        Assert.All(b.Rijen, r => r.LacksMelding("STAPELING"));
    }
}
