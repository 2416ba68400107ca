using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

public sealed class VerzegelingOptions
{
    /// <summary>The secret behind every seal and approval mark: at least 32 characters, from configuration.
    /// Only the Development environment has a default; elsewhere the API does not start without one.</summary>
    public string? Sleutel { get; set; }

    public const string DevelopmentSleutel = "ontwikkelsleutel-migratieaddin-alleen-voor-development";
}

/// <summary>Keyed MACs (HMAC-SHA256) for seals and approval marks. Holds the key; knows nothing of workbooks.</summary>
public sealed class Sealer(byte[] key)
{
    public Sealer(IOptions<VerzegelingOptions> options) : this(Encoding.UTF8.GetBytes(options.Value.Sleutel!)) { }

    /// <summary>A MAC of the parts, joined unambiguously, truncated to <paramref name="bytes"/> bytes, base64url.</summary>
    public string Mac(int bytes, params string[] parts)
    {
        var text = string.Join('\u001F', parts.Select(p => p.Length.ToString(CultureInfo.InvariantCulture) + ":" + p));
        var mac = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(text));
        return Base64Url(mac.AsSpan(0, bytes));
    }

    public static bool SameMac(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));

    public static string NewId() => Base64Url(RandomNumberGenerator.GetBytes(6));

    private static string Base64Url(ReadOnlySpan<byte> bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

public static class VerzegelingSetup
{
    public static IServiceCollection AddVerzegeling(this IServiceCollection services)
    {
        services.AddOptions<VerzegelingOptions>().BindConfiguration("Verzegeling")
            .PostConfigure<IHostEnvironment>((o, env) =>
            {
                if (string.IsNullOrWhiteSpace(o.Sleutel) && env.IsDevelopment()) o.Sleutel = VerzegelingOptions.DevelopmentSleutel;
            })
            .Validate(o => o.Sleutel is { Length: >= 32 },
                "Verzegeling:Sleutel ontbreekt of is korter dan 32 tekens. Stel een geheime sleutel in (bijvoorbeeld via de omgevingsvariabele Verzegeling__Sleutel); zonder sleutel start de API alleen in Development.")
            .ValidateOnStart();
        services.AddSingleton<Sealer>();
        return services;
    }
}
