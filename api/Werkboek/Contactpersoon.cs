namespace MigratieAddin.Api;

/// <summary>A contact person of the gemeente, for the Contactpersonen tab and the begeleidend schrijven.</summary>
public sealed record Contactpersoon(string? Voornaam, string? Achternaam, string? Email, string? Telefoon, string? Rol)
{
    public string VolledigeNaam => string.Join(' ', new[] { Voornaam, Achternaam }.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()));
}
