using MigratieAddin.Api;
using static MigratieAddin.Tests.Engine;

namespace MigratieAddin.Tests;

public class PrivacyTests
{
    private const string Bsn = RijBuilder.Bsn;
    private const string Naam = "Zoë Uniekenaam";
    private const string Geboren = "03-05-2006";

    public static TheoryData<Column> EveryInputColumn() => new(Columns.Input);

    [Theory]
    [MemberData(nameof(EveryInputColumn))]
    public void NoMessageRepeatsABsnNameOrBirthDateWhereverItWasTyped(Column column)
    {
        var row = RijBuilder.Omzetting().With(Column.Naam, Naam).With(Column.Geboortedatum, Geboren);
        var rows = new[]
        {
            row.Copy().With(column, Bsn),
            row.Copy().With(column, Naam).With(Column.Toewijzingnummer, 230000002),
            row.Copy().With(column, Geboren).With(Column.Toewijzingnummer, 230000003),
            row.Copy().With(column, Bsn).Ambulant(),
        };
        var b = Validate(Fase.Controle, rows);
        var texts = b.Rijen.SelectMany(r => r.Meldingen).Concat(b.Meldingen).Select(m => m.Tekst).ToList();
        Assert.NotEmpty(texts);
        foreach (var forbidden in new[] { Bsn, "99992570", Naam, "Uniekenaam", Geboren, "2006-05-03", "03-05", "3-5-2006" })
            Assert.DoesNotContain(texts, t => t.Contains(forbidden, StringComparison.OrdinalIgnoreCase));
    }
}
