using System.Text.RegularExpressions;
using MimeKit;

namespace MigratieAddin.Api;

/// <summary>A contact person of the gemeente, for the Contactpersonen tab and the begeleidend schrijven.</summary>
public sealed record Contactpersoon(string? Voornaam, string? Achternaam, string? Email, string? Telefoon, string? Rol)
{
    // Each field is one line wherever it goes: a line break in it must never start a mail header or a line of the letter.
    public string? Voornaam { get; init; } = OneLine(Voornaam);
    public string? Achternaam { get; init; } = OneLine(Achternaam);
    public string? Email { get; init; } = OneLine(Email);
    public string? Telefoon { get; init; } = OneLine(Telefoon);
    public string? Rol { get; init; } = OneLine(Rol);

    public string VolledigeNaam => string.Join(' ', new[] { Voornaam, Achternaam }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));

    /// <summary>The list as sent, each e-mail reduced to its address (`Naam &lt;adres&gt;` as Outlook copies it is accepted);
    /// an e-mail that is not one address is a 400 naming the field and the position, never the person.</summary>
    public static IReadOnlyList<Contactpersoon> Checked(IReadOnlyList<Contactpersoon> contactpersonen) =>
        contactpersonen.Select((c, i) => string.IsNullOrWhiteSpace(c.Email) ? c
            : c with
            {
                Email = Address(c.Email) ?? throw new RequestException(StatusCodes.Status400BadRequest,
                Invariant($"Het veld 'email' van contactpersoon {i + 1} is geen geldig e-mailadres. Vul één adres in, zoals naam@gemeente.nl."))
            }).ToList();

    /// <summary>The address in `adres` or `Naam &lt;adres&gt;`, or null when the text is anything else.</summary>
    public static string? Address(string? text)
    {
        text = text?.Trim() ?? "";
        if (!MailboxAddress.TryParse(text, out var mailbox) || mailbox.Route.Count > 0) return null;
        var address = mailbox.Address;
        var domain = address[(address.IndexOf('@') + 1)..];
        var whole = text == address || text.EndsWith($"<{address}>", StringComparison.Ordinal); // no comment, second address or missing '>'
        return whole && address.IndexOf('@') > 0 && domain.Contains('.') && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !domain.StartsWith('[') && !address.Any(char.IsWhiteSpace) ? address : null;
    }

    private static readonly Regex LineBreaks = new(@"\s*[\p{Cc}\p{Zl}\p{Zp}][\s\p{Cc}\p{Zl}\p{Zp}]*", RegexOptions.CultureInvariant);

    /// <summary>Line breaks and other control characters, with the spaces around them, become one space.</summary>
    private static string? OneLine(string? value) => value is null ? null : LineBreaks.Replace(value, " ");
}
