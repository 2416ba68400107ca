using System.Buffers;
using System.Text.Json;
using MigratieAddin.Api;
using static MigratieAddin.Tests.Engine;

namespace MigratieAddin.Tests;

/// <summary>A large report is written in parts on several cores: the bytes must be the serialiser's own.</summary>
public class BeoordelingAnswerTests
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
        BeoordelingAnswer.Write(output, report, cores);
        return output.WrittenSpan.ToArray();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1024)]
    [InlineData(1025)]
    [InlineData(5000)]
    public void AReportWrittenInPartsIsByteForByteTheSerialisersOwn(int count)
    {
        var report = Report(count);
        var expected = JsonSerializer.SerializeToUtf8Bytes(report, ApiJsonContext.Default.Beoordeling);
        Assert.Equal(expected, Written(report, cores: 1));
        Assert.Equal(expected, Written(report, cores: 2));
        Assert.Equal(expected, Written(report, cores: 4));
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
