using MigratieAddin.Api;
using static MigratieAddin.Tests.Engine;

namespace MigratieAddin.Tests;

public class AmbulantRuleTests
{
    private static RijBuilder Combinatie() => RijBuilder.Omzetting().With(Column.Productcode2022, "44303").With(Column.Productcode2023, "44A08");

    [Fact]
    public void AnAmbulantRowForACombinationProductOnlyNeedsOverlegForItsBudget()
    {
        var b = Validate(Fase.Aanbieder, Combinatie(), Combinatie().Ambulant());
        Assert.Empty(b.Rijen[0].Meldingen);
        Assert.Equal("AMBULANT_BUDGET", b.Rijen[1].OnlyMelding().Code);
        Assert.Equal("budget2023", b.Rijen[1].OnlyMelding().Kolom);
        Assert.Equal(Status.Overleg, b.Rijen[1].Status);
    }

    [Fact]
    public void ACombinationProductWithoutAmbulantRowNeedsOverlegOnProductcode2022()
    {
        var rij = Judge(Combinatie());
        rij.HasMelding("COMBINATIE_ZONDER_AMBULANT", "productcode2022", Ernst.Overleg);
    }

    [Fact]
    public void AMissingAmbulantRowIsNotReportedToTheGemeente() =>
        Assert.Empty(Judge(Combinatie(), Fase.Gemeente).Meldingen);

    [Fact]
    public void AnAmbulantRowWithoutCombinationProductNeedsOverlegOnProductcategorie2023()
    {
        var b = Validate(Fase.Aanbieder, RijBuilder.Omzetting(), RijBuilder.Omzetting().Ambulant());
        b.Rijen[1].HasMelding("AMBULANT_ZONDER_COMBINATIE", "productcategorie2023", Ernst.Overleg);
    }

    [Fact]
    public void AnAmbulantRowWhoseBsnDiffersFromItsRowBelongsToNoCombination()
    {
        var b = Validate(Fase.Aanbieder, Combinatie(), Combinatie().Ambulant().With(Column.Bsn, "999971669"));
        b.Rijen[1].HasMelding("AMBULANT_ZONDER_COMBINATIE", "productcategorie2023", Ernst.Overleg);
        b.Rijen[0].HasMelding("COMBINATIE_ZONDER_AMBULANT", "productcode2022", Ernst.Overleg);
    }

    [Fact]
    public void AnAmbulantRowLinksOnNormalisedValues()
    {
        var ambulant = Combinatie().Ambulant().With(Column.Gemeentecode, 193).With(Column.Toewijzingnummer, "0230000001");
        var b = Validate(Fase.Aanbieder, Combinatie(), ambulant);
        Assert.Empty(b.Rijen[0].Meldingen);
        b.Rijen[1].LacksMelding("AMBULANT_ZONDER_COMBINATIE");
    }

    [Fact]
    public void AnAmbulantRowLinksOnAToewijzingnummerAsTypedWhenItCannotBeRead()
    {
        var combinatie = Combinatie().With(Column.Toewijzingnummer, "T-17");
        var b = Validate(Fase.Aanbieder, combinatie, combinatie.Ambulant());
        b.Rijen[1].LacksMelding("AMBULANT_ZONDER_COMBINATIE");
        b.Rijen[0].LacksMelding("COMBINATIE_ZONDER_AMBULANT");
        b.Rijen[0].HasMelding("TOEWIJZINGNUMMER_ONGELDIG", "toewijzingnummer", Ernst.Fout);
        var other = Validate(Fase.Aanbieder, combinatie, combinatie.Ambulant().With(Column.Toewijzingnummer, "T-18"));
        other.Rijen[1].HasMelding("AMBULANT_ZONDER_COMBINATIE", "productcategorie2023", Ernst.Overleg);
    }

    [Fact]
    public void AnUnreadableToewijzingnummerLinksWithNoReadableOne()
    {
        var c = Validate(Fase.Aanbieder, Combinatie().With(Column.Toewijzingnummer, 230000001), Combinatie().Ambulant().With(Column.Toewijzingnummer, "230000001a"));
        c.Rijen[1].HasMelding("AMBULANT_ZONDER_COMBINATIE", "productcategorie2023", Ernst.Overleg);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData("-5")]
    [InlineData("12,345")]
    [InlineData("veel")]
    public void AnAmbulantRowWithoutAPositiveBudgetOfAtMostTwoDecimalsIsOngeldig(object? budget)
    {
        var b = Validate(Fase.Aanbieder, Combinatie(), Combinatie().Ambulant().With(Column.Budget2023, budget));
        b.Rijen[1].HasMelding("BUDGET_ONGELDIG", "budget2023", Ernst.Fout);
        b.Rijen[1].LacksMelding("AMBULANT_BUDGET");
    }

    [Theory]
    [InlineData("€ 2.500,50")]
    [InlineData(0.01)]
    [InlineData("10,500")]
    public void APositiveBudgetWithAtMostTwoDecimalsIsValid(object budget)
    {
        var b = Validate(Fase.Aanbieder, Combinatie(), Combinatie().Ambulant().With(Column.Budget2023, budget));
        b.Rijen[1].LacksMelding("BUDGET_ONGELDIG");
    }

    [Fact]
    public void AnAmbulantRowWithAProductcode2023HasAWrongProductcategorie2023()
    {
        var b = Validate(Fase.Aanbieder, Combinatie(), Combinatie().Ambulant().With(Column.Productcode2023, "45A48"));
        b.Rijen[1].HasMelding("PRODUCTCATEGORIE_2023_ONJUIST", "productcategorie2023", Ernst.Fout);
    }

    [Fact]
    public void OnAnAmbulantRowOnlyItsOwnRulesRun()
    {
        var ambulant = Combinatie().Ambulant()
            .With(Column.Productcode2022, null).With(Column.Ingangsdatum, "gisteren").With(Column.Einddatum, null)
            .With(Column.Volume, "veel").With(Column.Eenheid, null).With(Column.Frequentie, 9).With(Column.AanbiederNaam, "Iemand anders");
        var b = Validate(Fase.Aanbieder, Combinatie(), ambulant);
        Assert.Equal("AMBULANT_BUDGET", b.Rijen[1].OnlyMelding().Code);
    }

    [Theory]
    [InlineData(Column.Gemeentecode)]
    [InlineData(Column.AanbiederAgb)]
    [InlineData(Column.Bsn)]
    [InlineData(Column.Naam)]
    [InlineData(Column.Geboortedatum)]
    [InlineData(Column.Toewijzingnummer)]
    public void AnAmbulantRowMustKeepTheSixColumnsItCopies(Column column)
    {
        var b = Validate(Fase.Aanbieder, Combinatie(), Combinatie().Ambulant().With(column, null));
        b.Rijen[1].HasMelding("VERPLICHT", column.Key(), Ernst.Fout);
    }

    [Fact]
    public void AnAmbulantRowChecksItsCopiedIdentity()
    {
        var ambulant = Combinatie().Ambulant().With(Column.Bsn, "999912346").With(Column.Gemeentecode, "9999")
            .With(Column.AanbiederAgb, "98000099").With(Column.Toewijzingnummer, "x").With(Column.Geboortedatum, "nooit");
        var codes = Validate(Fase.Aanbieder, Combinatie(), ambulant).Rijen[1].Meldingen.Select(m => m.Code).ToHashSet();
        Assert.Superset(new HashSet<string> { "BSN_ONGELDIG", "GEMEENTE_ONBEKEND", "AANBIEDER_NIET_GEGUND", "TOEWIJZINGNUMMER_ONGELDIG", "DATUM_ONGELDIG" }, codes);
    }

    [Fact]
    public void AnAmbulantRowWithoutEinddatumComparesItsEinddatum2023WithItsOmzettingRow()
    {
        var same = Combinatie().Ambulant().With(Column.Einddatum, null).With(Column.Einddatum2023, "31-12-2023");
        Validate(Fase.Aanbieder, Combinatie(), same).Rijen[1].LacksMelding("EINDDATUM_GEWIJZIGD");

        var other = Combinatie().Ambulant().With(Column.Einddatum, null).With(Column.Einddatum2023, "30-06-2023");
        Validate(Fase.Aanbieder, Combinatie(), other).Rijen[1].HasMelding("EINDDATUM_GEWIJZIGD", "einddatum2023", Ernst.Overleg);
    }

    [Fact]
    public void AnAmbulantRowWithAnInvalidEinddatum2023IsOngeldig()
    {
        var ambulant = Combinatie().Ambulant().With(Column.Einddatum2023, "15-12-2022");
        Validate(Fase.Aanbieder, Combinatie(), ambulant).Rijen[1].HasMelding("EINDDATUM_2023_ONGELDIG", "einddatum2023", Ernst.Fout);
    }

    [Fact]
    public void AnAmbulantRowWithTheSameToewijzingnummerIsNoDubbeleToewijzingOrStapeling()
    {
        var b = Validate(Fase.Aanbieder, Combinatie(), Combinatie().Ambulant());
        Assert.All(b.Rijen, r => { r.LacksMelding("DUBBELE_TOEWIJZING"); r.LacksMelding("STAPELING"); });
    }

    [Fact]
    public void Categorie50WrittenAsNumberOrWithZeroMarksAnAmbulantRow()
    {
        var b = Validate(Fase.Aanbieder, Combinatie(), Combinatie().Ambulant().With(Column.Productcategorie2023, 50),
            Combinatie().Ambulant().With(Column.Productcategorie2023, "050"));
        Assert.All(b.Rijen.Skip(1), r => Assert.Equal("AMBULANT_BUDGET", r.OnlyMelding().Code));
    }
}
