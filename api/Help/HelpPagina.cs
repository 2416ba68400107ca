using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.AspNetCore.Http.HttpResults;

namespace MigratieAddin.Api;

/// <summary>The Dutch help page the manifest's SupportUrl and LearnMoreUrl point at: what to do per role, and the region's
/// steps and dates from the catalogue. Open to everyone (Office shows it before sign-in); it holds no personal data.</summary>
public static class HelpPagina
{
    public static WebApplication MapHelp(this WebApplication app)
    {
        app.MapGet("/help", Toon)
            .WithTags("Invoegtoepassing")
            .WithSummary("Hulp bij MigratieAddin")
            .WithDescription("Een Nederlandse pagina met de stappen per rol (gemeente, aanbieder, controle) en de data van de regio.");
        return app;
    }

    public static ContentHttpResult Toon(Catalogus catalogus)
    {
        var regio = catalogus.Regio;
        var html = new StringBuilder();
        html.Append(CultureInfo.InvariantCulture, $$"""
            <!doctype html>
            <html lang="nl">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Hulp bij MigratieAddin</title>
              <style>
                body { font-family: "Segoe UI", -apple-system, Roboto, sans-serif; max-width: 46rem; margin: 0 auto; padding: 1rem; line-height: 1.5; color: #242424; background: #fff; }
                h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2rem; }
                table { border-collapse: collapse; } td, th { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #e0e0e0; }
                @media (prefers-color-scheme: dark) { body { color: #f0f0f0; background: #1f1f1f; } td, th { border-color: #444; } a { color: #8ab4f8; } }
              </style>
            </head>
            <body>
            <h1>Hulp bij MigratieAddin</h1>
            <p>Met MigratieAddin zet u in Excel de lopende toewijzingen wonen/verblijf van regio {{Enc(regio.Regio)}} om naar de productcodes van {{regio.Nieuw}}.
            Open het taakvenster via <strong>Start &gt; Toewijzingen controleren</strong> en kies bij <strong>Ik werk als</strong> uw rol.
            Bij elke wijziging controleert de invoegtoepassing de rij; de kolommen Status en Meldingen vertellen wat er nog moet gebeuren.</p>

            <h2 id="gemeente">Gemeente: het format maken en versturen</h2>
            <ol>
              <li>Kies <strong>Gemeente (blauwe kolommen vullen)</strong>.</li>
              <li>Zet de lopende toewijzingen in de blauwe kolommen, of kies <strong>Format maken</strong> met een CSV-export van uw backoffice.</li>
              <li>Verbeter elke rij met status <em>fout</em>. De meldingen staan gegroepeerd per regel, de ernstigste bovenaan; een klik brengt u naar de cel.</li>
              <li>Kies <strong>Overzicht maken</strong> om te zien wat naar welke aanbieder gaat, en daarna <strong>Zip downloaden</strong>: per aanbieder een werkboek en een concept-e-mail.</li>
            </ol>

            <h2 id="aanbieder">Aanbieder: de gele kolommen invullen</h2>
            <ol>
              <li>Open het werkboek dat de gemeente u stuurde en kies <strong>Aanbieder (gele kolommen vullen)</strong>.</li>
              <li>Kies per jeugdige de productcode {{regio.Nieuw}} die past bij de zorg. Wijkt het volume of de einddatum af, vul die dan ook in; dat vraagt overleg met de gemeente.</li>
              <li>Combineerde het product van {{regio.Oud}} wonen/verblijf met ambulante hulp? Kopieer de rij, zet Productcategorie {{regio.Nieuw}} op {{Enc(regio.CategorieAmbulant)}}, laat Productcode {{regio.Nieuw}} leeg en vul Budget {{regio.Nieuw}} in.</li>
              <li>Verander niets in de blauwe kolommen. Stuur het werkboek terug als geen rij meer <em>fout</em> of <em>onvolledig</em> is.</li>
            </ol>

            <h2 id="controle">Gemeente: het teruggestuurde werkboek controleren en omzetten</h2>
            <ol>
              <li>Open het teruggestuurde werkboek en kies <strong>Gemeente: teruggestuurd werkboek controleren</strong>. De verzegeling laat zien of blauwe cellen zijn gewijzigd of rijen ontbreken.</li>
              <li>Overleg over elke rij met status <em>overleg</em> met de aanbieder. Bent u het eens, kies dan <strong>Akkoord geven</strong> bij die rij. Dat kan alleen bij rijen zonder fout of open punt.</li>
              <li>Kies <strong>Omzetlijst maken</strong>: per rij de beëindiging {{regio.Oud}} en de nieuwe toewijzing {{regio.Nieuw}}, en op het tweede tabblad wat niet is omgezet en waarom.</li>
            </ol>

            <h2>Stappen en data van de regio</h2>
            <table><thead><tr><th>Stap</th><th>Wie</th><th>Wat</th><th>Uiterlijk</th></tr></thead><tbody>
            """);
        foreach (var stap in regio.Stappen)
            html.Append(Invariant($"<tr><td>{stap.Nummer}</td><td>{Enc(stap.Wie)}</td><td>{Enc(stap.Wat)}</td><td>{(stap.Uiterlijk is { } d ? Dutch.Date(d) : "")}</td></tr>\n"));
        html.Append("""
            </tbody></table>

            <h2>Lukt het niet?</h2>
            <p>Zegt het taakvenster dat er geen verbinding is, dan kunt u gewoon doorwerken: er gaat niets verloren.
            Meldt het taakvenster dat u zich moet aanmelden, klik dan op <strong>Aanmelden</strong>; het taakvenster opent
            zelf nooit een aanmeldvenster.
            Heeft u geen rol voor MigratieAddin, of lukt aanmelden niet, neem dan contact op met de beheerder van de regio.</p>
            </body>
            </html>
            """);
        return TypedResults.Content(html.ToString(), "text/html; charset=utf-8");
    }

    private static string Enc(string? text) => WebUtility.HtmlEncode(text ?? "");
}
