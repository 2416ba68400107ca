using System.Globalization;
using System.Text;

namespace MigratieAddin.Api;

public static class TextCompare
{
    /// <summary>Equal when folded; the common case (the same text) costs no allocation.</summary>
    public static bool SameFolded(string a, string b) =>
        a.AsSpan().Trim().Equals(b.AsSpan().Trim(), StringComparison.OrdinalIgnoreCase) || Fold(a) == Fold(b);

    /// <summary>Text folded for comparison: trimmed, lower case, without accents ("Bètahuis" is "betahuis").</summary>
    public static string Fold(string text)
    {
        var decomposed = text.Trim().Normalize(NormalizationForm.FormD);
        var result = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
                result.Append(char.ToLowerInvariant(c));
        return result.ToString().Normalize(NormalizationForm.FormC);
    }
}
