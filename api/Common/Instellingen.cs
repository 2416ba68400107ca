using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

/// <summary>Checks on settings, each failing with a Dutch message that names the setting: the API does not start with a
/// value it would only trip over later (the checks run at start through ValidateOnStart).</summary>
public static class Instellingen
{
    public const long MB = 1024 * 1024;

    /// <summary>Requests larger than this never reach an endpoint (Kestrel's limit in Program.cs), so no limit may exceed it.</summary>
    public const long MaxVerzoek = 256 * MB;

    /// <summary>The setting must lie between min and max (both included); sizes in bytes are shown in MB.</summary>
    public static OptionsBuilder<T> Tussen<T>(this OptionsBuilder<T> builder, string setting, Func<T, long> value, long min, long max,
        bool bytes = false, string? waarom = null) where T : class =>
        builder.Validate(o => value(o) >= min && value(o) <= max,
            $"Instelling {setting} moet tussen {Tekst(min, bytes)} en {Tekst(max, bytes)} liggen{(waarom is null ? "" : $" ({waarom})")}.");

    public static OptionsBuilder<T> Tussen<T>(this OptionsBuilder<T> builder, string setting, Func<T, double> value, double min, double max,
        string? waarom = null) where T : class =>
        builder.Validate(o => value(o) >= min && value(o) <= max,
            $"Instelling {setting} moet tussen {Dutch.Getal(min)} en {Dutch.Getal(max)} liggen{(waarom is null ? "" : $" ({waarom})")}.");

    /// <summary>Whole numbers with Dutch thousands dots, sizes as MB, independent of the server's culture.</summary>
    public static string Tekst(long value, bool bytes) =>
        bytes && value % MB == 0 ? $"{Dutch.Getal(value / MB)} MB" : bytes ? $"{Dutch.Getal(value)} bytes" : Dutch.Getal(value);
}
