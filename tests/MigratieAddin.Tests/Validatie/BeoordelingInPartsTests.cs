using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using MigratieAddin.Api;
using static MigratieAddin.Tests.Engine;

namespace MigratieAddin.Tests;

/// <summary>A large report is written in parts on several cores: the bytes must be the serialiser's own.</summary>
public class BeoordelingInPartsTests
{
    private static Beoordeling Report(int count)
    {
        var rows = new List<Row>();
        for (var i = 0; i < count; i++)
        {
            var row = RijBuilder.Omzetting().With(Column.Toewijzingnummer, 230000001 + i).With(Column.Bsn, TestBsn.Make(i));
            if (i % 5 == 0) row.With(Column.Einddatum, "31-02-2023").With(Column.OpmerkingAanbieder, "Graag \"overleg\" – één keer <b>");
            if (i % 7 == 0) row.With(Column.Productcode2023, null);
            rows.Add(row.Build(i + 2));
        }
        return new Validator(EmbeddedCatalogus, TestSealer).Validate(rows, Fase.Aanbieder);
    }

    private static byte[] Written(Beoordeling report, int cores)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.True(BeoordelingInParts.TryWrite(output, report, cores), "not written in parts");
        return output.WrittenSpan.ToArray();
    }

    [Theory]
    [InlineData(1025)]
    [InlineData(2048)]
    [InlineData(5000)]
    public void AReportWrittenInPartsIsByteForByteTheSerialisersOwn(int count)
    {
        var report = Report(count);
        var expected = JsonSerializer.SerializeToUtf8Bytes(report, ApiJsonContext.Default.Beoordeling);
        Assert.Equal(expected, Written(report, cores: 2));
        Assert.Equal(expected, Written(report, cores: 4));
    }

    [Theory]
    [InlineData(0, 2)]
    [InlineData(1024, 2)]
    [InlineData(5000, 1)]
    public void AReportOfOnePartOrOnOneCoreIsLeftToTheSerialiser(int count, int cores)
    {
        var output = new ArrayBufferWriter<byte>();
        Assert.False(BeoordelingInParts.TryWrite(output, Report(count), cores));
        Assert.Equal(0, output.WrittenCount);
    }

    [Fact]
    public async Task TheAnswerOfARouteIsTheSerialisersBytes()
    {
        var report = Report(3000);
        var context = new DefaultHttpContext();
        using var body = new MemoryStream();
        context.Response.Body = body;
        await BeoordelingInParts.Answer(report).ExecuteAsync(context);
        Assert.Equal(JsonSerializer.SerializeToUtf8Bytes(report, ApiJsonContext.Default.Beoordeling), body.ToArray());
        Assert.Equal("application/json; charset=utf-8", context.Response.ContentType);
    }

    [Fact]
    public void WorkbookMeldingenAndCountsFollowTheRowsWrittenInParts()
    {
        var report = Report(3000) with { Meldingen = [new Melding("VERZEGELING", Ernst.Fout, null, "Het werkboek is \"gewijzigd\".")] };
        var expected = JsonSerializer.SerializeToUtf8Bytes(report, ApiJsonContext.Default.Beoordeling);
        Assert.Equal(expected, Written(report, cores: 2));
        using var json = JsonDocument.Parse(Written(report, cores: 2));
        Assert.Equal(3000, json.RootElement.GetProperty("rijen").GetArrayLength());
        Assert.Equal("VERZEGELING", json.RootElement.GetProperty("meldingen")[0].GetProperty("code").GetString());
    }
}
