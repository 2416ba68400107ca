using System.Globalization;
using System.Text;

namespace MigratieAddin.Api;

/// <summary>The begeleidend schrijven of a gemeente to an aanbieder (FORMAT.md), in plain Dutch that addresses the reader as "u".</summary>
public static class Begeleidingsbrief
{
    public static string Onderwerp(Gemeente gemeente, RegioSettings regio) =>
        $"Omzetting lopende toewijzingen wonen/verblijf naar {regio.Nieuw} – gemeente {gemeente.Naam}";

    /// <summary>The letter. It asks for ambulant rows only when <paramref name="combinatieAmbulant"/> says a row's old product
    /// combined wonen/verblijf with ambulante hulp; each letter is signed for its own gemeente.</summary>
    public static string Tekst(Gemeente gemeente, Aanbieder aanbieder, RegioSettings regio, IReadOnlyList<Contactpersoon> contactpersonen, int aantalRijen,
        bool combinatieAmbulant = false)
    {
        var terug = regio.Stappen.FirstOrDefault(s => s.Nummer == 5)?.Uiterlijk;
        string Eigen(string sjabloon) => regio.Tekst(sjabloon).Replace("{gemeente}", gemeente.Naam, StringComparison.Ordinal);
        var b = new StringBuilder();
        b.AppendLine("Geachte heer, mevrouw,");
        b.AppendLine();
        b.AppendLine(Eigen(regio.Teksten.BriefInleiding));
        b.AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"In de bijlage vindt u {(aantalRijen == 1 ? "de lopende toewijzing" : $"de {aantalRijen} lopende toewijzingen")} "
            + $"van gemeente {gemeente.Naam} bij {aanbieder.Naam}. Wij zetten {(aantalRijen == 1 ? "deze" : "ze")} om naar de productcodes van {regio.Nieuw}, "
            + $"met ingang van {Dutch.Date(regio.IngangsdatumNieuw)}. Daarvoor vragen wij u het volgende.");
        b.AppendLine();
        b.AppendLine("1. Controleer of de lijst klopt en volledig is.");
        b.AppendLine(CultureInfo.InvariantCulture, $"2. Vul per jeugdige de gele kolommen in, in elk geval de productcode {regio.Nieuw}. "
            + $"Volume en einddatum {regio.Nieuw} vult u alleen in als die afwijken.");
        if (combinatieAmbulant)
            b.AppendLine($"3. Een of meer jeugdigen hebben een product van {regio.Oud} dat wonen/verblijf combineert met ambulante hulp. "
                + "Voeg voor die ambulante hulp een rij toe; het tabblad Toelichting legt uit hoe.");
        b.AppendLine();
        b.AppendLine(Eigen(regio.Teksten.BriefUitgangspunt));
        b.AppendLine();
        b.AppendLine((terug is { } datum
            ? $"Wilt u de ingevulde lijst uiterlijk {Dutch.Date(datum)} aan ons terugsturen? "
            : "Wilt u de ingevulde lijst zo snel mogelijk aan ons terugsturen? ")
            + "Vul daarbij op het tabblad Contactpersonen ook de contactpersonen van uw organisatie in, zodat wij u kunnen bereiken als wij vragen hebben.");
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
        b.AppendLine(Eigen(regio.Teksten.BriefAfsluiting));
        b.AppendLine();
        b.AppendLine("Met vriendelijke groet,");
        b.AppendLine();
        b.AppendLine(CultureInfo.InvariantCulture, $"Gemeente {gemeente.Naam}");
        return b.ToString();
    }
}
