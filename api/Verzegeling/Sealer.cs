using System.Buffers;
using System.Globalization;
using System.Runtime.InteropServices;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

public sealed class VerzegelingOptions
{
    /// <summary>The secret behind every new seal and approval mark: at least 32 characters, from configuration.
    /// Only the Development environment has a default; elsewhere the API does not start without a strong one.</summary>
    public string? Sleutel { get; set; }

    /// <summary>Earlier keys: seals and marks made with them still verify after a rotation; nothing new is made with them.</summary>
    public List<string> VorigeSleutels { get; set; } = [];

    public const string DevelopmentSleutel = "ontwikkelsleutel-migratieaddin-alleen-voor-development";
    public const int MinLengte = 32;
    /// <summary>Fewer distinct characters than this is an obviously weak key (a random 32-character hex key has about 14).</summary>
    public const int MinVerschillendeTekens = 10;
}

/// <summary>One key: keyed MACs (HMAC-SHA256) for seals and approval marks, and an id derived from it that names it
/// in seals and marks without revealing it. Knows nothing of workbooks.</summary>
public sealed class SealKey
{
    private readonly byte[] _key;

    public SealKey(byte[] key)
    {
        _key = key;
        Id = Sealer.Base64Url(HMACSHA256.HashData(key, "migratieaddin-sleutel-id"u8).AsSpan(0, 6));
    }

    /// <summary>8 characters, a one-way function of the key: tells which key made a seal or mark.</summary>
    public string Id { get; }

    /// <summary>A MAC of the parts, joined unambiguously (each as its length, ':' and itself, separated by U+001F, in
    /// UTF-8), truncated to <paramref name="bytes"/> bytes, base64url. The joined bytes are written straight into one
    /// buffer (the stack for a cell) and wiped after hashing: a check of 50,000 rows makes
    /// 600,000 of these, and building the joined text as strings first cost most of that check's memory.</summary>
    public string Mac(int bytes, params ReadOnlySpan<string> parts)
    {
        var size = 0;
        for (var i = 0; i < parts.Length; i++) size += EncodedSize(parts[i]);
        byte[]? rented = null;
        // A whole seal's text is megabytes: allocated for this one call rather than parked in the shared pool afterwards
        // (the seal itself is hashed line by line by the overload below).
        var buffer = size <= 512 ? stackalloc byte[512] : size <= 64 * 1024 ? (rented = ArrayPool<byte>.Shared.Rent(size)) : new byte[size];
        try
        {
            var at = 0;
            for (var i = 0; i < parts.Length; i++) at += Encode(parts[i], i > 0, buffer[at..]);
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData(_key, buffer[..at], mac);
            return Sealer.Base64Url(mac[..bytes]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer[..size]);
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>The same MAC over <paramref name="first"/>, <paramref name="second"/> and then every one of
    /// <paramref name="rest"/>, hashed part by part: a whole seal (50,000 lines, megabytes joined) never becomes one buffer.</summary>
    public string Mac(int bytes, string first, string second, IReadOnlyList<string> rest)
    {
        using var hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, _key);
        Append(hmac, first, false);
        Append(hmac, second, true);
        foreach (var part in rest) Append(hmac, part, true);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        hmac.GetHashAndReset(mac);
        return Sealer.Base64Url(mac[..bytes]);
    }

    private static void Append(IncrementalHash hmac, string part, bool separated)
    {
        var size = EncodedSize(part);
        byte[]? rented = null;
        var buffer = size <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(size));
        try
        {
            hmac.AppendData(buffer[..Encode(part, separated, buffer)]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(buffer[..size]);
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    /// <summary>At most the bytes <see cref="Encode"/> writes for a part, its separator included.</summary>
    private static int EncodedSize(string part) => 1 + Digits(part.Length) + 1 + Encoding.UTF8.GetByteCount(part);

    /// <summary>Writes one part as the MAC joins it (U+001F first unless it is the first part, its length, ':', its UTF-8).</summary>
    private static int Encode(string part, bool separated, Span<byte> buffer)
    {
        var at = 0;
        if (separated) buffer[at++] = 0x1F;
        part.Length.TryFormat(buffer[at..], out var written, default, CultureInfo.InvariantCulture);
        at += written;
        buffer[at++] = (byte)':';
        return at + Encoding.UTF8.GetBytes(part, buffer[at..]);
    }

    private static int Digits(int n)
    {
        var digits = 1;
        for (; n >= 10; n /= 10) digits++;
        return digits;
    }
}

/// <summary>The current key (makes every new seal and mark) and the earlier ones (only verify).</summary>
public sealed class Sealer
{
    public Sealer(byte[] key, params byte[][] previous)
    {
        Current = new SealKey(key);
        Keys = [Current, .. previous.Select(p => new SealKey(p))];
    }

    public Sealer(IOptions<VerzegelingOptions> options)
        : this(Encoding.UTF8.GetBytes(options.Value.Sleutel!), [.. options.Value.VorigeSleutels.Select(Encoding.UTF8.GetBytes)]) { }

    public SealKey Current { get; }

    /// <summary>Every key that verifies, the current one first.</summary>
    public IReadOnlyList<SealKey> Keys { get; }

    /// <summary>The key with this id, or null when it is not (or no longer) configured.</summary>
    public SealKey? Key(string id) => Keys.FirstOrDefault(k => k.Id == id);

    public static bool SameMac(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(MemoryMarshal.AsBytes(a.AsSpan()), MemoryMarshal.AsBytes(b.AsSpan()));

    public static string NewId() => Base64Url(RandomNumberGenerator.GetBytes(6));

    /// <summary>Whether a text has the shape of an id from <see cref="NewId"/> (8 base64url characters).</summary>
    public static bool IsId(string text) => text.Length == 8 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    internal static string Base64Url(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
}

/// <summary>Refuses to start outside Development with the public development key, a short key or an obviously weak one;
/// the earlier keys are held to the same standard, because each of them can still make a seal verify.</summary>
public sealed class VerzegelingOptionsValidator(IHostEnvironment env) : IValidateOptions<VerzegelingOptions>
{
    public ValidateOptionsResult Validate(string? name, VerzegelingOptions o)
    {
        var fouten = new List<string>();
        if (string.IsNullOrWhiteSpace(o.Sleutel))
            fouten.Add("Verzegeling:Sleutel ontbreekt. Stel een geheime sleutel in (bijvoorbeeld via de omgevingsvariabele Verzegeling__Sleutel); zonder sleutel start de API alleen in Development.");
        else
            fouten.AddRange(Problemen("Verzegeling:Sleutel", o.Sleutel));
        for (var i = 0; i < o.VorigeSleutels.Count; i++)
            fouten.AddRange(Problemen(Invariant($"Verzegeling:VorigeSleutels:{i}"), o.VorigeSleutels[i] ?? ""));
        return fouten.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(fouten);
    }

    private IEnumerable<string> Problemen(string setting, string key)
    {
        const string Maak = "Maak een nieuwe, bijvoorbeeld met 'openssl rand -base64 48'.";
        if (key.Length < VerzegelingOptions.MinLengte)
            yield return Invariant($"{setting} is korter dan {VerzegelingOptions.MinLengte} tekens. {Maak}");
        if (env.IsDevelopment()) yield break;
        if (key == VerzegelingOptions.DevelopmentSleutel)
            yield return $"{setting} is de ontwikkelsleutel, die openbaar is; die mag alleen in Development. {Maak}";
        else if (key.Distinct().Count() < VerzegelingOptions.MinVerschillendeTekens)
            yield return Invariant($"{setting} is te zwak: de sleutel heeft minder dan {VerzegelingOptions.MinVerschillendeTekens} verschillende tekens. {Maak}");
    }
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
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<VerzegelingOptions>, VerzegelingOptionsValidator>();
        services.AddSingleton<Sealer>();
        return services;
    }
}
