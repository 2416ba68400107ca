using System.Globalization;
using System.Text;

namespace MigratieAddin.Api;

/// <summary>The begeleidend schrijven of a gemeente to an aanbieder (FORMAT.md), in plain Dutch.</summary>
public static class Begeleidingsbrief
{
    public static string Onderwerp(Gemeente gemeente, RegioSettings regio) =>
        $"Omzetting lopende toewijzingen wonen/verblijf naar {regio.Nieuw} – gemeente {gemeente.Naam}";

    public static string Tekst(Gemeente gemeente, Aanbieder aanbieder, RegioSettings regio, IReadOnlyList<Contactpersoon> contactpersonen, int aantalRijen)
    {
        var terug = regio.Stappen.FirstOrDefault(s => s.Nummer == 5)?.Uiterlijk;
        var nieuwJaar = regio.Nieuw;
        string Eigen(string sjabloon) => regio.Tekst(sjabloon).Replace("{gemeente}", gemeente.Naam, StringComparison.Ordinal);
        var b = new StringBuilder();
        b.AppendLine(CultureInfo.InvariantCulture, $"Beste {aanbieder.Naam},");
        b.AppendLine();
        b.AppendLine(Eigen(regio.Teksten.BriefInleiding));
        b.AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"In de bijlage staat de lijst met de lopende toewijzingen van gemeente {gemeente.Naam} bij uw organisatie die wij willen omzetten "
            + $"({aantalRijen} {(aantalRijen == 1 ? "toewijzing" : "toewijzingen")}). Wij vragen u:");
        b.AppendLine("1. te controleren of de lijst volledig is;");
        b.AppendLine(CultureInfo.InvariantCulture, $"2. per jeugdige de gele kolommen in te vullen, in elk geval de productcode {nieuwJaar}. Met deze gegevens geven wij de toewijzingen "
            + $"voor {nieuwJaar} af, met ingang van {Dutch.Date(regio.IngangsdatumNieuw)};");
        b.AppendLine($"3. een rij toe te voegen voor de ambulante hulp als een product van {regio.Oud} wonen/verblijf combineerde met ambulante hulp "
            + "(de toelichting in het werkboek legt uit hoe).");
        b.AppendLine();
        b.AppendLine(Eigen(regio.Teksten.BriefUitgangspunt));
        b.AppendLine();
        var contacten = contactpersonen.Where(c => !string.IsNullOrWhiteSpace(c.VolledigeNaam) || !string.IsNullOrWhiteSpace(c.Email)).ToList();
        if (contacten.Count > 0)
        {
            b.AppendLine("Heeft u vragen? Neem dan contact op met:");
            foreach (var c in contacten)
                b.AppendLine("- " + string.Join(", ", new[] { c.VolledigeNaam, c.Rol, c.Email, c.Telefoon }.Where(s => !string.IsNullOrWhiteSpace(s))));
        }
        else
        {
            b.AppendLine("Heeft u vragen? Beantwoord dan deze e-mail.");
        }
        b.AppendLine();
        b.AppendLine(terug is { } datum
            ? $"Wilt u de ingevulde lijst uiterlijk {Dutch.Date(datum)} aan ons terugsturen?"
            : "Wilt u de ingevulde lijst zo snel mogelijk aan ons terugsturen?");
        b.AppendLine("Vult u daarbij ook de contactpersonen van uw organisatie in op het tabblad Contactpersonen, zodat wij u kunnen bereiken als wij vragen hebben.");
        b.AppendLine();
        b.AppendLine(Eigen(regio.Teksten.BriefAfsluiting));
        b.AppendLine();
        b.AppendLine("Met vriendelijke groet,");
        b.AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"Gemeente {gemeente.Naam}");
        return b.ToString();
    }
}
