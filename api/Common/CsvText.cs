namespace MigratieAddin.Api;

public static class CsvText
{
    /// <summary>A `;`-separated field: quoted when needed, and text that a spreadsheet would run as a formula
    /// (starting with =, +, -, @, a tab or a carriage return; OWASP's list) is neutralised with a leading apostrophe.</summary>
    public static string Field(string? value)
    {
        var v = value ?? "";
        if (v.Length > 0 && v[0] is '=' or '+' or '-' or '@' or '\t' or '\r') v = "'" + v;
        return v.IndexOfAny([';', '"', '\n', '\r']) >= 0 ? $"\"{v.Replace("\"", "\"\"")}\"" : v;
    }
}
