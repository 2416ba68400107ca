using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>The MAC behind seals and approval marks is the HMAC of the parts joined as they always were (so seals made
/// before stay valid), however it is computed.</summary>
public class SealMacTests
{
    private static readonly byte[] Key = Encoding.UTF8.GetBytes(SleutelTests.Sterk);

    /// <summary>The definition: each part as "length:part", joined by U+001F, UTF-8, HMAC-SHA256, truncated, base64url.</summary>
    private static string Reference(int bytes, params string[] parts)
    {
        var text = string.Join('\u001F', parts.Select(p => p.Length.ToString(CultureInfo.InvariantCulture) + ":" + p));
        var mac = HMACSHA256.HashData(Key, Encoding.UTF8.GetBytes(text));
        return Convert.ToBase64String(mac.AsSpan(0, bytes)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static readonly TheoryData<string[]> Parts = new()
    {
        new[] { "cel", "Ab3_-x", "Ab3_-x.12", "bsn", "999925702" },
        new[] { "cel", "w", "w.1", "naam", "Bètahuis Gezinshuizen — 😀 ÿ" },
        new[] { "cel", "w", "w.1", "naam", "" },
        new[] { "half \ud800 surrogaat", "\udc00", "einde \ud83d" },
        new[] { "" },
        new[] { "zegel", new string('x', 9), new string('y', 10), new string('z', 99), new string('é', 100), new string('a', 1000) },
    };

    [Theory]
    [MemberData(nameof(Parts))]
    public void TheMacIsTheHmacOfThePartsJoinedAsBefore(string[] parts)
    {
        var key = new SealKey(Key);
        Assert.Equal(Reference(12, parts), key.Mac(12, parts));
        Assert.Equal(Reference(16, parts), key.Mac(16, parts));
        Assert.Equal(Reference(32, parts), key.Mac(32, parts));
    }

    [Fact]
    public void AWholeSealOfFiftyThousandLinesHasTheSameMacAsBefore()
    {
        var parts = new[] { "zegel", "MAV2;w;50000;id" }.Concat(Enumerable.Range(0, 50_000).Select(i => $"w.{i};{600_000_000 + i};{new string('m', 16)},{i}")).ToArray();
        Assert.Equal(Reference(16, parts), new SealKey(Key).Mac(16, parts));
    }

    [Fact]
    public void SameMacComparesWholeTexts()
    {
        Assert.True(Sealer.SameMac("abc_-1", "abc_-1"));
        Assert.False(Sealer.SameMac("abc_-1", "abc_-2"));
        Assert.False(Sealer.SameMac("abc", "abc_"));
        Assert.False(Sealer.SameMac("", "a"));
    }
}
