using System.Text;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>A large body's rows are read in parts on several cores: the rows, and every message about a mistake, must be
/// the ones a single reader gives.</summary>
public class RowsInPartsTests
{
    private const int Count = 6000;

    /// <summary>About 1.8 MB, as the pane sends it: every kind of value, a key it does not know, and in every row a text
    /// holding what a row's start looks like (escaped, as JSON must).</summary>
    private static string Body(Func<int, string>? extra = null, string before = "\"fase\":\"aanbieder\",", string after = "")
    {
        var json = new StringBuilder("{").Append(before).Append("\"rijen\":[");
        for (var i = 0; i < Count; i++)
        {
            if (i > 0) json.Append(',');
            json.Append("{\"rij\":").Append(i + 2).Append(",\"waarden\":{\"gemeentecode\":\"0193\",\"aanbiederNaam\":\"Zorggroep De Linde\",")
                .Append("\"bsn\":\"").Append(TestBsn.Make(i)).Append("\",\"naam\":\"Jeugdige ").Append(i).Append("\",\"volume\":").Append(i % 9)
                .Append(",\"einddatum\":45291.5,\"productcode2023\":null,\"frequentie\":").Append(i % 2 == 0 ? "true" : "false")
                .Append(",\"opmerkingAanbieder\":\"zie },{\\\"rij\\\":3 en ").Append(i).Append("\",\"onbekend\":[1,2]")
                .Append(extra?.Invoke(i) ?? "").Append("}}");
        }
        return json.Append(']').Append(after).Append('}').ToString();
    }

    private static RowsRequest Read(string json, int cores, int maxRows = 50_000) =>
        RowsRequestReader.Read(Encoding.UTF8.GetBytes(json), maxRows, faseRequired: true, cores, default);

    private static bool ReadInParts(string json)
    {
        var bytes = Encoding.UTF8.GetBytes(json);
        return RowsInParts.TryRead(bytes, json.IndexOf('['), 50_000, 2, default, out _, out _);
    }

    private static void SameRows(RowsRequest expected, RowsRequest actual)
    {
        Assert.Equal(expected.Rijen.Count, actual.Rijen.Count);
        for (var i = 0; i < expected.Rijen.Count; i++)
        {
            Assert.Equal(expected.Rijen[i].Number, actual.Rijen[i].Number);
            Assert.Equal(expected.Rijen[i].Cells, actual.Rijen[i].Cells);
        }
        Assert.Equal(expected.Fase, actual.Fase);
        Assert.Equal(expected.Verzegeling, actual.Verzegeling);
    }

    private static string Message(Func<RowsRequest> read) => Assert.Throws<RequestException>(read).Message;

    [Fact]
    public void ALargeBodyReadInPartsGivesTheRowsOfOneReader()
    {
        var json = Body();
        Assert.True(ReadInParts(json));
        var oneReader = Read(json, cores: 1);
        SameRows(oneReader, Read(json, cores: 2));
        SameRows(oneReader, Read(json, cores: 3));
        Assert.Equal(Count, oneReader.Rijen.Count);
        Assert.Equal("zie },{\"rij\":3 en 4321", oneReader.Rijen[4321][Column.OpmerkingAanbieder].Text);
    }

    [Fact]
    public void WhatFollowsTheRowsIsReadAsInTheBody()
    {
        var json = Body(before: "", after: ",\"fase\":\"controle\",\"verzegeling\":\"abc\",\"later\":{\"x\":[1]}");
        Assert.True(ReadInParts(json));
        var inParts = Read(json, cores: 2);
        Assert.Equal(Fase.Controle, inParts.Fase);
        Assert.Equal("abc", inParts.Verzegeling);
        SameRows(Read(json, cores: 1), inParts);
    }

    [Fact]
    public void ACutThatFallsInsideAValueTheReaderSkipsIsNotTaken()
    {
        // One row in the middle carries a long list of objects under a key the reader skips: the place halfway looks
        // like a row's start but is inside that list.
        var inside = ",\"bijlagen\":[" + string.Join(',', Enumerable.Range(0, 40_000).Select(i => $"{{\"rij\":{i}}}")) + "]";
        var json = Body(i => i == Count / 2 ? inside : "");
        Assert.False(ReadInParts(json));
        SameRows(Read(json, cores: 1), Read(json, cores: 2));
    }

    [Theory]
    [InlineData("\"waarden\":[1]", "rijen[5000].waarden moet een object zijn met kolomsleutels.")]
    [InlineData("\"rij\":\"vijf\"", "rijen[5000].rij moet een rijnummer zijn (een heel getal).")]
    [InlineData("\"waarden\":{\"volume\":[1]}", "rijen[5000].waarden.volume moet tekst, een getal, true/false of null zijn.")]
    public void AMistakeInALaterPartIsReportedWhereItIs(string wrong, string expected)
    {
        var json = Body().Replace("{\"rij\":5002,", "{" + wrong + ",\"rij\":5002,");
        Assert.Equal(expected, Message(() => Read(json, cores: 1)));
        Assert.Equal(expected, Message(() => Read(json, cores: 2)));
    }

    [Theory]
    [InlineData("}}]", "}]")] // a row not closed
    [InlineData("]}", "],}")] // a comma with nothing after it
    [InlineData("}},{\"rij\":5002,", "}},,{\"rij\":5002,")] // two commas between rows
    public void BrokenJsonGivesTheMessageOfOneReader(string from, string to)
    {
        var json = Body();
        var at = json.LastIndexOf(from, StringComparison.Ordinal);
        var broken = json[..at] + to + json[(at + from.Length)..];
        var oneReader = Message(() => Read(broken, cores: 1));
        Assert.StartsWith("De inhoud is geen geldige JSON (regel 1, positie ", oneReader);
        Assert.Equal(oneReader, Message(() => Read(broken, cores: 2)));
    }

    [Fact]
    public void MoreRowsThanAllowedIsRefusedAsByOneReader()
    {
        var json = Body();
        var e = Assert.Throws<RequestException>(() => Read(json, cores: 2, maxRows: 5000));
        Assert.Equal(413, e.Status);
        Assert.Equal(Message(() => Read(json, cores: 1, maxRows: 5000)), e.Message);
    }

    [Fact]
    public void ACancelledRequestStopsReading()
    {
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() =>
            RowsRequestReader.Read(Encoding.UTF8.GetBytes(Body()), 50_000, faseRequired: true, cores: 2, cancelled.Token));
    }
}
