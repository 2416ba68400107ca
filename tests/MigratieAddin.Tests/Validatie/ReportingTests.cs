using MigratieAddin.Api;
using static MigratieAddin.Tests.Engine;

namespace MigratieAddin.Tests;

public class ReportingTests
{
    private static RijBuilder Row() => RijBuilder.Omzetting();

    [Theory]
    [InlineData(null)]
    [InlineData("99999")]
    [InlineData("54301")]
    public void AnUnusableProductcode2022HidesTheEchoesInTheYellowColumns(string? code2022)
    {
        // 44A21 would be not gegund, not allowed and a volume change: all echoes of the 2022 code.
        var rij = Judge(Row().With(Column.Productcode2022, code2022).With(Column.Productcategorie2022, null)
            .With(Column.Productcode2023, "44A21").With(Column.Volume2023, 9));
        foreach (var echo in new[] { "PRODUCT2023_NIET_GEGUND", "PRODUCT2023_NIET_TOEGESTAAN", "INTENSITEIT_GEWIJZIGD", "VOLUME_AFWIJKEND", "STAPELING" })
            rij.LacksMelding(echo);
        Assert.Equal("productcode2022", rij.Meldingen[0].Kolom);
    }

    [Fact]
    public void AnUnusableProductcode2022AlsoStopsStapeling()
    {
        var b = Validate(Fase.Aanbieder, Row().With(Column.Productcode2022, "99999"), Row().With(Column.Toewijzingnummer, 230000002).With(Column.Productcode2022, "99999"));
        Assert.All(b.Rijen, r => r.LacksMelding("STAPELING"));
    }

    [Fact]
    public void AnAanbiederThatIsNotGegundGetsNoNietGegundProductEcho()
    {
        var rij = Judge(Row().With(Column.AanbiederAgb, "98000099").With(Column.AanbiederNaam, null));
        rij.HasMelding("AANBIEDER_NIET_GEGUND", "aanbiederAgb", Ernst.Fout);
        rij.LacksMelding("PRODUCT2023_NIET_GEGUND");
    }

    [Fact]
    public void ACellGetsOnlyTheFirstRuleThatAppliesToIt()
    {
        // The einddatum is before the ingangsdatum and on or before the peildatum: only the first rule speaks.
        var rij = Judge(Row().With(Column.Einddatum, "01-02-2022"));
        Assert.Equal(["EINDDATUM_VOOR_INGANGSDATUM"], rij.Meldingen.Where(m => m.Kolom == "einddatum").Select(m => m.Code));
    }

    [Fact]
    public void EveryCellHasAtMostOneMessage()
    {
        var rij = Judge(Row().With(Column.Einddatum, "01-02-2022").With(Column.Einddatum2023, "01-01-2022")
            .With(Column.Productcode2023, "44A09").With(Column.Volume2023, 0).With(Column.Budget2023, "x").With(Column.Bsn, "123"));
        Assert.Equal(rij.Meldingen.Count, rij.Meldingen.Select(m => m.Kolom).Distinct().Count());
    }

    [Fact]
    public void FoutBeatsOverlegBeatsOnvolledigBeatsOk()
    {
        var info = Row().With(Column.OpmerkingAanbieder, "ok");
        var onvolledig = info.Copy().With(Column.Productcode2023, null).With(Column.Toewijzingnummer, 230000002);
        var overleg = onvolledig.Copy().With(Column.Geboortedatum, "01-06-2004").With(Column.Toewijzingnummer, 230000003);
        var fout = overleg.Copy().With(Column.Bsn, "999912346").With(Column.Toewijzingnummer, 230000004);
        var b = Validate(Fase.Aanbieder, info, onvolledig, overleg, fout);
        Assert.Equal([Status.Ok, Status.Onvolledig, Status.Overleg, Status.Fout], b.Rijen.Select(r => r.Status));
        Assert.Equal(new Telling(1, 1, 1, 1), b.Telling);
    }

    [Fact]
    public void AnEmptyRowIsOkWithoutMessagesAndIsNotCounted()
    {
        var empty = new Row(5);
        empty[Column.Status] = Cell.FromText("fout");
        empty[Column.Meldingen] = Cell.FromText("oude melding");
        var b = new Validator(EmbeddedCatalogus, TestSealer).Validate([Row().Build(2), empty], Fase.Aanbieder);
        Assert.Equal((5, Status.Ok), (b.Rijen[1].Rij, b.Rijen[1].Status));
        Assert.Empty(b.Rijen[1].Meldingen);
        Assert.Equal(new Telling(1, 0, 0, 0), b.Telling);
    }

    [Fact]
    public void EveryRowComesBackOnceInRequestOrderWithItsNumber()
    {
        var rows = new[] { Row().Build(9), new Row(3), Row().With(Column.Bsn, "1").Build(4), Row().Build(7) };
        var b = new Validator(EmbeddedCatalogus, TestSealer).Validate(rows, Fase.Gemeente);
        Assert.Equal([9, 3, 4, 7], b.Rijen.Select(r => r.Rij!.Value));
    }

    [Fact]
    public void FaseControleWithoutSealSaysTheWorkbookHasNone()
    {
        var b = Validate(Fase.Controle, Row());
        var melding = Assert.Single(b.Meldingen);
        Assert.Equal(("GEEN_VERZEGELING", Ernst.Info, (string?)null), (melding.Code, melding.Ernst, melding.Kolom));
        Assert.Equal(Status.Ok, b.Rijen[0].Status);
    }

    [Fact]
    public void FaseControleRunsTheYellowRulesToo() =>
        Judge(Row().With(Column.Productcode2023, null), Fase.Controle).HasMelding("PRODUCT2023_LEEG", "productcode2023", Ernst.Onvolledig);

    [Fact]
    public void EveryRuleOfTheFormatIsInTheEngineOnceInTableOrder()
    {
        string[] blue = ["VERPLICHT", "BSN_ONGELDIG", "TOEWIJZINGNUMMER_ONGELDIG", "GEMEENTE_ONBEKEND", "AGB_ONGELDIG", "AANBIEDER_NIET_GEGUND",
            "AANBIEDER_NAAM_AFWIJKEND", "PRODUCT2022_ONBEKEND", "PRODUCT2022_GGZ", "PRODUCTCATEGORIE_ONJUIST", "DATUM_ONGELDIG",
            "EINDDATUM_VOOR_INGANGSDATUM", "BUITEN_SCOPE_EINDDATUM", "BUITEN_SCOPE_INGANGSDATUM", "GEBOORTEDATUM_ONLOGISCH",
            "LEEFTIJD_18_PLUS", "OMVANG_ONGELDIG", "DUBBELE_TOEWIJZING"];
        string[] yellow = ["PRODUCT2023_LEEG", "PRODUCT2023_ONBEKEND", "PRODUCTCATEGORIE_2023_ONJUIST", "PRODUCT2023_NIET_GEGUND",
            "PRODUCT2023_NIET_TOEGESTAAN", "INTENSITEIT_GEWIJZIGD", "EINDDATUM_2023_ONGELDIG", "EINDDATUM_GEWIJZIGD", "VOLUME_2023_ONGELDIG",
            "VOLUME_AFWIJKEND", "STAPELING", "BUDGET_NIET_TOEGESTAAN", "BUDGET_ONGELDIG", "AMBULANT_BUDGET", "AMBULANT_ZONDER_COMBINATIE",
            "COMBINATIE_ZONDER_AMBULANT", "OPMERKING"];
        Assert.Equal(blue.Concat(yellow), Validator.Rules.Select(r => r.Code));
        Assert.All(Validator.Rules.Take(blue.Length), r => Assert.Equal(Colour.Blue, r.Colour));
        Assert.All(Validator.Rules.Skip(blue.Length), r => Assert.Equal(Colour.Yellow, r.Colour));
    }

    [Fact]
    public void OnlyTheListedRulesRunOnAmbulantRows()
    {
        string[] ambulant = ["VERPLICHT", "BSN_ONGELDIG", "TOEWIJZINGNUMMER_ONGELDIG", "GEMEENTE_ONBEKEND", "AGB_ONGELDIG",
            "AANBIEDER_NIET_GEGUND", "DATUM_ONGELDIG", "PRODUCTCATEGORIE_2023_ONJUIST", "EINDDATUM_2023_ONGELDIG", "EINDDATUM_GEWIJZIGD",
            "BUDGET_ONGELDIG", "AMBULANT_BUDGET", "AMBULANT_ZONDER_COMBINATIE", "OPMERKING"];
        Assert.Equal(ambulant, Validator.Rules.Where(r => r.RowKind.HasFlag(RowKind.Ambulant)).Select(r => r.Code));
    }

    [Fact]
    public void TheDemoExportGetsTheDeliberateProblemsItWasMadeFor()
    {
        var rows = DemoExport.Rows();
        var b = new Validator(EmbeddedCatalogus, TestSealer).Validate(rows, Fase.Gemeente);
        var last6 = b.Rijen.TakeLast(6).ToList();
        last6[0].HasMelding("BSN_ONGELDIG", "bsn", Ernst.Fout);
        last6[1].HasMelding("PRODUCT2022_GGZ", "productcode2022", Ernst.Fout);
        last6[2].HasMelding("BUITEN_SCOPE_EINDDATUM", "einddatum", Ernst.Fout);
        last6[3].HasMelding("AANBIEDER_NIET_GEGUND", "aanbiederAgb", Ernst.Fout);
        last6[4].HasMelding("LEEFTIJD_18_PLUS", "geboortedatum", Ernst.Overleg);
        last6[5].HasMelding("OMVANG_ONGELDIG", "frequentie", Ernst.Fout);
        Assert.All(b.Rijen.SkipLast(6), r => Assert.Equal(Status.Ok, r.Status));
    }
}
