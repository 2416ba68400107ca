using System.Text;
using System.Text.RegularExpressions;

namespace MigratieAddin.Tests;

/// <summary>The arrows between the API's feature folders run one way (docs/ARCHITECTURE.md). Every type lives in the one
/// namespace MigratieAddin.Api, so the folders are told apart by their source files: a folder "uses" another when its code
/// (comments and string literals left out) names a type declared only there.</summary>
public sealed partial class FeatureDependencyTests
{
    [GeneratedRegex(@"\b(?:class|struct|interface|enum|record(?:\s+struct|\s+class)?)\s+([A-Z]\w*)")]
    private static partial Regex Declaration();

    [GeneratedRegex(@"\b[A-Z]\w*\b")]
    private static partial Regex Identifier();

    private static readonly Lazy<Dictionary<string, List<(string File, string Code)>>> Folders = new(ReadFolders);

    /// <summary>The code of every .cs file under api/, by top folder, without comments, strings and characters.</summary>
    private static Dictionary<string, List<(string File, string Code)>> ReadFolders()
    {
        var api = Path.Combine(Repository.Root, "api");
        return Directory.EnumerateFiles(api, "*.cs", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(api, f))
            .Where(f => !f.Split(Path.DirectorySeparatorChar).Any(p => p is "bin" or "obj") && f.Contains(Path.DirectorySeparatorChar))
            .GroupBy(f => f.Split(Path.DirectorySeparatorChar)[0])
            .ToDictionary(g => g.Key, g => g.Select(f => (f, CodeOnly(File.ReadAllText(Path.Combine(api, f))))).ToList());
    }

    /// <summary>Every .cs file under api/ in a feature folder, with its code only (comments and literals blanked).</summary>
    internal static IEnumerable<(string File, string Code)> ApiSources() => Folders.Value.Values.SelectMany(f => f);

    /// <summary>C# source with comments and literals blanked: regular, verbatim, interpolated (holes kept) and raw strings.</summary>
    internal static string CodeOnly(string source)
    {
        var b = new StringBuilder(source.Length);
        var i = 0;
        while (i < source.Length)
        {
            var c = source[i];
            if (c == '/' && At(source, i + 1, '/')) { while (i < source.Length && source[i] != '\n') i++; continue; }
            if (c == '/' && At(source, i + 1, '*')) { var end = source.IndexOf("*/", i + 2, StringComparison.Ordinal); i = end < 0 ? source.Length : end + 2; b.Append(' '); continue; }
            if (c == '\'') { i++; while (i < source.Length && source[i] != '\'') i += source[i] == '\\' ? 2 : 1; i++; b.Append("' '"); continue; }
            if (c is '"' or '$' or '@' && StringStart(source, i) is { } start) { i = SkipString(source, i, start, b); continue; }
            b.Append(c);
            i++;
        }
        return b.ToString();
    }

    private static bool At(string s, int i, char c) => i < s.Length && s[i] == c;

    private sealed record Start(int Dollars, bool Verbatim, int Quotes, int Length);

    /// <summary>Whether a string literal starts at i: its $ count, @, and the number of opening quotes.</summary>
    private static Start? StringStart(string s, int i)
    {
        var j = i;
        var dollars = 0;
        var verbatim = false;
        while (j < s.Length && (s[j] == '$' || s[j] == '@')) { if (s[j] == '$') dollars++; else verbatim = true; j++; }
        if (j >= s.Length || s[j] != '"' || i > 0 && (char.IsLetterOrDigit(s[i - 1]) || s[i - 1] == '_')) return null;
        var quotes = 0;
        while (j + quotes < s.Length && s[j + quotes] == '"') quotes++;
        if (quotes == 2) quotes = 1; // "" is an empty string, not a raw literal
        return new Start(dollars, verbatim, quotes >= 3 ? quotes : 1, j - i + (quotes >= 3 ? quotes : 1));
    }

    private static int SkipString(string s, int i, Start start, StringBuilder code)
    {
        var j = i + start.Length;
        code.Append("\"\"");
        var raw = start.Quotes >= 3;
        var closing = new string('"', start.Quotes);
        var braces = Math.Max(1, start.Dollars);
        while (j < s.Length)
        {
            if (!raw && !start.Verbatim && s[j] == '\\') { j += 2; continue; }
            if (!raw && start.Verbatim && s[j] == '"' && At(s, j + 1, '"')) { j += 2; continue; }
            if (s.AsSpan(j).StartsWith(closing)) return j + closing.Length;
            if (start.Dollars > 0 && s[j] == '{')
            {
                var n = 0;
                while (At(s, j + n, '{')) n++;
                if (n >= braces && (start.Dollars > 1 || n % 2 == 1))
                {
                    // An interpolation hole: its code counts, up to the matching brace.
                    var depth = 1;
                    j += n;
                    var hole = new StringBuilder();
                    while (j < s.Length && depth > 0)
                    {
                        if (s[j] == '{') depth++;
                        else if (s[j] == '}') depth--;
                        if (depth > 0) hole.Append(s[j]);
                        j++;
                    }
                    code.Append(' ').Append(CodeOnly(hole.ToString())).Append(' ');
                    while (At(s, j, '}')) j++;
                    continue;
                }
                j += n;
                continue;
            }
            j++;
        }
        return j;
    }

    private static HashSet<string> DeclaredIn(string folder) =>
        Folders.Value[folder].SelectMany(f => Declaration().Matches(f.Code).Select(m => m.Groups[1].Value)).ToHashSet(StringComparer.Ordinal);

    /// <summary>Every place where a file of <paramref name="from"/> names a type declared only in <paramref name="to"/>.</summary>
    private static List<string> Uses(string from, string to)
    {
        var elsewhere = Folders.Value.Keys.Where(k => k != to).SelectMany(DeclaredIn).ToHashSet(StringComparer.Ordinal);
        var only = DeclaredIn(to).Where(t => !elsewhere.Contains(t)).ToHashSet(StringComparer.Ordinal);
        Assert.NotEmpty(only);
        return Folders.Value[from].SelectMany(f => Identifier().Matches(f.Code).Select(m => m.Value).Where(only.Contains).Distinct()
            .Select(t => $"{f.File} gebruikt {t} uit {to}/")).ToList();
    }

    [Theory]
    [InlineData("Controle", "Omzetting")]
    [InlineData("Omzetting", "Controle")]
    [InlineData("Verzegeling", "Validatie")]
    [InlineData("Werkboek", "Controle")]
    [InlineData("Werkboek", "Omzetting")]
    [InlineData("Common", "Controle")]
    [InlineData("Common", "Omzetting")]
    public void AFeatureFolderDoesNotUseTheTypesOfAnother(string from, string to) => Assert.Empty(Uses(from, to));

    [Fact]
    public void OnlyWerkboekReadsAndWritesTheInsideOfAWorkbook()
    {
        string[] packages = ["DocumentFormat.OpenXml", "System.IO.Packaging", "ZipArchive", "ZipFile", "OpenXmlWriter", "SpreadsheetDocument"];
        var others = Folders.Value.Where(f => f.Key != "Werkboek").SelectMany(f => f.Value).ToList();
        Assert.Contains(others, f => f.File.StartsWith("Voortgang", StringComparison.Ordinal));
        Assert.Empty(others.SelectMany(f => packages.Where(p => f.Code.Contains(p, StringComparison.Ordinal)).Select(p => $"{f.File}: {p}")));
    }

    [Fact]
    public void OmzettingIsMappedFromItsOwnFolder()
    {
        Assert.Contains(Folders.Value["Omzetting"], f => f.Code.Contains("MapOmzetting(this IEndpointRouteBuilder", StringComparison.Ordinal));
        Assert.DoesNotContain(Folders.Value["Controle"], f => f.Code.Contains("MapPost(\"\"", StringComparison.Ordinal) && f.Code.Contains("Omzetlijst", StringComparison.Ordinal));
    }

    [Fact]
    public void TheLexerKeepsCodeAndDropsCommentsAndTexts()
    {
        var code = CodeOnly("var a = Omzetlijst.Maak(); // Omzetlijst\n/* Seal */ var b = \"Seal\" + $\"{Cell.Empty} Row\" + @\"Row\"\"s\" + \"\"\"Row \"Seal\" \"\"\" + 'x';");
        Assert.Contains("Omzetlijst.Maak()", code);
        Assert.Contains("Cell.Empty", code);
        Assert.DoesNotContain("Seal", code);
        Assert.DoesNotContain("Row", code);
        Assert.Equal(1, Regex.Count(code, "Omzetlijst"));
    }
}
