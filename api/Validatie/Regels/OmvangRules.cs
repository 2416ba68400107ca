namespace MigratieAddin.Api;

// Blue columns: volume, eenheid and frequentie, and the uniqueness of the toewijzing.

public sealed class OmvangMustFollowIjw() : Rule("OMVANG_ONGELDIG", Ernst.Fout, Colour.Blue)
{
    public static readonly IReadOnlyDictionary<string, string> Eenheden = new Dictionary<string, string>
    {
        ["01"] = "minuut",
        ["04"] = "uur",
        ["14"] = "etmaal",
        ["16"] = "dagdeel",
        ["82"] = "stuks (output)",
        ["83"] = "euro's",
        ["84"] = "stuks (inspanning)",
    };

    public static readonly IReadOnlyDictionary<long, string> Frequenties = new Dictionary<long, string>
    {
        [1] = "per dag",
        [2] = "per week",
        [4] = "per maand",
        [6] = "totaal binnen geldigheidsduur",
    };

    // iJw CS338: these units cannot be given per day.
    private static readonly HashSet<string> NietPerDag = ["14", "16", "83", "84"];

    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (!row[Column.Volume].IsEmpty && !(row.Volume is { } volume && ValueReader.IsValidVolume(volume)))
            meldingen.Report(this, Column.Volume, "Volume moet een heel getal van 1 tot en met 99.999.999 zijn.");

        if (!row[Column.Eenheid].IsEmpty && !(row.Eenheid is { } eenheid && Eenheden.ContainsKey(eenheid)))
            meldingen.Report(this, Column.Eenheid,
                "Eenheid is geen iJw-code. Kies 01 (minuut), 04 (uur), 14 (etmaal), 16 (dagdeel), 82 (stuks output), 83 (euro's) of 84 (stuks inspanning).");

        if (!row[Column.Frequentie].IsEmpty && !(row.Frequentie is { } frequentie && Frequenties.ContainsKey(frequentie)))
            meldingen.Report(this, Column.Frequentie,
                "Frequentie is geen iJw-code. Kies 1 (per dag), 2 (per week), 4 (per maand) of 6 (totaal binnen geldigheidsduur).");
        else if (row.Frequentie == 1 && row.Eenheid is { } e && NietPerDag.Contains(e))
            meldingen.Report(this, Column.Frequentie,
                $"Eenheid {e} ({Eenheden[e]}) kan niet per dag worden toegewezen (iJw-regel CS338). Kies frequentie 2 (per week), 4 (per maand) of 6 (totaal binnen geldigheidsduur).");
    }
}

public sealed class ToewijzingMustBeUnique() : Rule("DUBBELE_TOEWIJZING", Ernst.Fout, Colour.Blue)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (ctx.Relations.SameToewijzing(row) is { } other)
            meldingen.Report(this, Column.Toewijzingnummer,
                $"Toewijzingnummer staat voor deze gemeente meer dan eens in het format{RowText.Also(other)}. Verwijder de dubbele rij of corrigeer het nummer.");
    }
}

public static class RowText
{
    /// <summary>" (ook in rij 7)", pointing at the other row a melding is about, if it has a number.</summary>
    public static string Also(ReadRow other) => other.Row.Number is { } n ? Invariant($" (ook in rij {n})") : "";
}
