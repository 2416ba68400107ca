using MigratieAddin.Api;
using static MigratieAddin.Tests.Engine;

namespace MigratieAddin.Tests;

public class MessageTextTests
{
    private static RijBuilder Row() => RijBuilder.Omzetting();

    /// <summary>Rows that between them break every rule of the format at least once.</summary>
    private static Beoordeling EveryRuleBroken()
    {
        var combinatie = Row().With(Column.Productcode2022, "44303").With(Column.Toewijzingnummer, 1);
        var rows = new List<RijBuilder>
        {
            Row().With(Column.Naam, null).With(Column.Bsn, "123").With(Column.Toewijzingnummer, "x").With(Column.Gemeentecode, "9999")
                .With(Column.AanbiederNaam, "Andere naam").With(Column.Productcategorie2022, 43).With(Column.Ingangsdatum, "01-01-2023")
                .With(Column.Volume, 0).With(Column.Eenheid, "99").With(Column.Productcode2023, null),
            Row().With(Column.AanbiederAgb, "1234567890").With(Column.Productcode2022, "99999").With(Column.Geboortedatum, "nooit")
                .With(Column.Einddatum, "01-02-2022").With(Column.Frequentie, 9).With(Column.Toewijzingnummer, 2).With(Column.Productcode2023, "XX"),
            Row().With(Column.AanbiederAgb, "98000099").With(Column.Productcode2022, "54301").With(Column.Einddatum, "31-12-2022").With(Column.Toewijzingnummer, 3),
            Row().With(Column.Geboortedatum, "01-01-1990").With(Column.Eenheid, 14).With(Column.Frequentie, 1).With(Column.Toewijzingnummer, 4)
                .With(Column.Productcategorie2023, 43).With(Column.Einddatum2023, "morgen").With(Column.Volume2023, 0).With(Column.Budget2023, 5),
            Row().With(Column.Geboortedatum, "01-06-2004").With(Column.Toewijzingnummer, 5).With(Column.Productcode2022, "44311").With(Column.Productcode2023, "44A21"),
            Row().With(Column.AanbiederAgb, "98000044").With(Column.AanbiederNaam, null).With(Column.Toewijzingnummer, 6).With(Column.Productcode2023, "43A12"),
            Row().With(Column.Toewijzingnummer, 7).With(Column.Productcode2023, "44A09").With(Column.Bsn, "999971669"),
            Row().With(Column.Toewijzingnummer, 8).With(Column.Einddatum2023, "30-06-2023").With(Column.Bsn, "999932317"),
            Row().With(Column.Toewijzingnummer, 9).With(Column.Volume2023, 9).With(Column.Bsn, "999925325").With(Column.OpmerkingAanbieder, "Zie mail"),
            Row().With(Column.Toewijzingnummer, 10).With(Column.Bsn, "999970768"),
            Row().With(Column.Toewijzingnummer, 11).With(Column.Bsn, "999970768"),
            Row().With(Column.Toewijzingnummer, 10).With(Column.Bsn, "999967149"),
            combinatie,
            Row().With(Column.Toewijzingnummer, 12).With(Column.Bsn, "999971748").Ambulant().With(Column.Budget2023, null),
            Row().With(Column.Toewijzingnummer, 13).With(Column.Bsn, "999912306").Ambulant().With(Column.Productcode2023, "44A08"),
        };
        return Validate(Fase.Aanbieder, rows.ToArray());
    }

    [Fact]
    public void EveryRuleCanBeBroken()
    {
        var codes = EveryRuleBroken().Rijen.SelectMany(r => r.Meldingen).Select(m => m.Code).ToHashSet();
        Assert.Equal(Validator.Rules.Select(r => r.Code).Order(), codes.Order());
    }

    [Fact]
    public void EveryMessageNamesItsColumnByItsDutchHeader()
    {
        foreach (var melding in EveryRuleBroken().Rijen.SelectMany(r => r.Meldingen))
        {
            Assert.True(Columns.TryFromKey(melding.Kolom!, out var column));
            Assert.Contains(column.Header(Engine.EmbeddedCatalogus.Regio).Split(" (")[0], melding.Tekst, StringComparison.OrdinalIgnoreCase);
        }
    }

    [Fact]
    public void EveryMessageSaysWhatToDoInFullSentences()
    {
        foreach (var melding in EveryRuleBroken().Rijen.SelectMany(r => r.Meldingen))
        {
            Assert.EndsWith(".", melding.Tekst);
            Assert.True(melding.Tekst.Count(c => c == '.') >= 2 || melding.Code is "OPMERKING", melding.Code + ": " + melding.Tekst);
        }
    }
}
