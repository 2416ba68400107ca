using MigratieAddin.Api;
using static MigratieAddin.Tests.Engine;

namespace MigratieAddin.Tests;

/// <summary>A large request's rows are read and judged in parts on several cores: the report must be the one a single
/// thread gives, and rows in different parts must still see each other.</summary>
public class PartsTests
{
    private static List<Row> ManyRows()
    {
        var rows = new List<Row>();
        for (var i = 0; i < 5000; i++)
        {
            var row = RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230000001 + i)
                .With(Column.Bsn, i % 7 == 0 ? "123456789" : TestBsn.Make(i));
            if (i % 11 == 0) row.With(Column.Einddatum, "31-02-2023");
            if (i % 13 == 0) row.With(Column.Productcode2023, null);
            rows.Add(row.Build(i + 2));
        }
        // Far apart, in different parts: one toewijzing twice, and an ambulant row for a row at the start.
        rows[4500] = RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230000001 + 10).Build(4502);
        var combinatie = RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230000001 + 50).With(Column.Productcode2022, "44303");
        rows[50] = combinatie.Build(52);
        rows[4900] = combinatie.Ambulant().Build(4902);
        rows[4901] = new Row(4903);
        return rows;
    }

    [Fact]
    public void ALargeRequestJudgedInPartsGivesTheReportOfOneThread()
    {
        var rows = ManyRows();
        var oneThread = new Validator(EmbeddedCatalogus, TestSealer) { Cores = 1 }.Validate(rows, Fase.Aanbieder);
        var inParts = new Validator(EmbeddedCatalogus, TestSealer) { Cores = 4 }.Validate(rows, Fase.Aanbieder);

        Assert.Equal(oneThread.Telling, inParts.Telling);
        Assert.Equal(oneThread.Rijen.Count, inParts.Rijen.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(oneThread.Rijen[i].Rij, inParts.Rijen[i].Rij);
            Assert.Equal(oneThread.Rijen[i].Status, inParts.Rijen[i].Status);
            Assert.Equal(oneThread.Rijen[i].Meldingen, inParts.Rijen[i].Meldingen);
        }
        Assert.True(oneThread.Telling is { Fout: > 0, Onvolledig: > 0, Ok: > 0 }, oneThread.Telling.ToString());
    }

    [Fact]
    public void RowsInDifferentPartsStillSeeEachOther()
    {
        var report = new Validator(EmbeddedCatalogus, TestSealer) { Cores = 4 }.Validate(ManyRows(), Fase.Aanbieder);
        report.Rijen[10].HasMelding("DUBBELE_TOEWIJZING", "toewijzingnummer", Ernst.Fout);
        report.Rijen[4500].HasMelding("DUBBELE_TOEWIJZING", "toewijzingnummer", Ernst.Fout);
        report.Rijen[4900].LacksMelding("AMBULANT_ZONDER_COMBINATIE");
        report.Rijen[50].LacksMelding("COMBINATIE_ZONDER_AMBULANT");
        Assert.Equal(Status.Ok, report.Rijen[4901].Status);
    }

    [Fact]
    public void ACancelledRequestStopsWithoutAReport()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            new Validator(EmbeddedCatalogus, TestSealer) { Cores = 4 }.Validate(ManyRows(), Fase.Aanbieder, (string?)null, cancelled.Token));
    }
}
