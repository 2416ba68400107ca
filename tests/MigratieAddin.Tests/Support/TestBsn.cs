namespace MigratieAddin.Tests;

public static class TestBsn
{
    private static readonly List<string> Made = [];

    /// <summary>The n-th BSN from the test range (999…) that passes the elfproef: distinct jeugdigen for bulk tests.</summary>
    public static string Make(int n)
    {
        lock (Made)
        {
            for (var k = Made.Count == 0 ? 0 : int.Parse(Made[^1][3..8]) + 1; Made.Count <= n; k++)
            {
                var first8 = "999" + k.ToString("00000");
                var sum = 0;
                for (var i = 0; i < 8; i++) sum += (9 - i) * (first8[i] - '0');
                if (sum % 11 < 10) Made.Add(first8 + sum % 11);
            }
            return Made[n];
        }
    }
}
