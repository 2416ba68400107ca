using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>The request's cancellation (its timeout, or the caller going away) reaches every long loop, so a slow request
/// stops working instead of finishing for nobody.</summary>
public sealed class AfbrekenTests
{
    private static List<Row> Rows(int count) =>
        Enumerable.Range(0, count).Select(i => RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230_000_000 + i).With(Column.Bsn, TestBsn.Make(i)).Build(i + 2)).ToList();

    private static CancellationToken Cancelled() => new(canceled: true);

    [Fact]
    public void WritingAFormatStopsWhenTheRequestIsCancelled() =>
        Assert.ThrowsAny<OperationCanceledException>(() =>
            FormatWorkbook.Write(new MemoryStream(), Rows(2_000), Engine.EmbeddedCatalogus, [], "Zwolle", ct: Cancelled()));

    [Fact]
    public void PlanningTheSendingStopsWhenTheRequestIsCancelled() =>
        Assert.ThrowsAny<OperationCanceledException>(() =>
            PerAanbieder.Plan(Rows(2_000), Engine.EmbeddedCatalogus, new Validator(Engine.EmbeddedCatalogus, Engine.TestSealer), Cancelled()));

    [Fact]
    public void WritingTheZipPerAanbiederStopsWhenTheRequestIsCancelled()
    {
        var plan = PerAanbieder.Plan(Rows(10), Engine.EmbeddedCatalogus, new Validator(Engine.EmbeddedCatalogus, Engine.TestSealer));
        Assert.NotEmpty(plan.Zendingen);
        Assert.ThrowsAny<OperationCanceledException>(() =>
            PerAanbieder.WriteZip(new MemoryStream(), plan, Engine.EmbeddedCatalogus, [], Engine.TestSealer, Cancelled()));
    }

    [Fact]
    public void WithoutCancellationTheSameWorkFinishes()
    {
        using var stream = new MemoryStream();
        FormatWorkbook.Write(stream, Rows(2_000), Engine.EmbeddedCatalogus, [], "Zwolle", ct: CancellationToken.None);
        Assert.True(stream.Length > 0);
    }
}
