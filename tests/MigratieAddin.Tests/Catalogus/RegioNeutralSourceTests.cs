using System.Text.RegularExpressions;

namespace MigratieAddin.Tests;

/// <summary>The region's name and contract years come from regio.json: no code outside a catalogue folder spells them.</summary>
public partial class RegioNeutralSourceTests
{
    // Identifiers such as productcode2022 or PRODUCT2022_ONBEKEND are FORMAT.md's names and do not match: the year
    // must stand as a word of its own, as it would in a text a person reads.
    [GeneratedRegex(@"\b(2022|2023)\b|IJsselland", RegexOptions.IgnoreCase)]
    private static partial Regex RegionOrYear();

    [GeneratedRegex(@"^\s*(//|\*|/\*)")]
    private static partial Regex CommentLine();

    [Fact]
    public void NoSourceOfTheApiOrThePaneNamesARegionOrAContractYear()
    {
        var root = Repository.Root;
        var catalogi = Path.Combine(root, "api", "Catalogus") + Path.DirectorySeparatorChar;
        var sources = new[] { Path.Combine(root, "api"), Path.Combine(root, "addin", "src") }
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Where(f => Path.GetExtension(f) is ".cs" or ".ts" or ".tsx" or ".html")
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj" or "node_modules"))
            .Where(f => !(f.StartsWith(catalogi, StringComparison.Ordinal) && Path.GetDirectoryName(f) + Path.DirectorySeparatorChar != catalogi))
            .ToList();
        Assert.NotEmpty(sources);
        var hits = sources.SelectMany(f => File.ReadLines(f).Select((line, i) => (f, line, i)))
            .Where(x => !CommentLine().IsMatch(x.line) && RegionOrYear().IsMatch(x.line))
            .Select(x => $"{Path.GetRelativePath(root, x.f)}:{x.i + 1}: {x.line.Trim()}").ToList();
        Assert.Empty(hits);
    }
}
