namespace MigratieAddin.Api;

// Blue columns, first part: who the toewijzing is for and who provides it.

public sealed class RequiredCellsMustBeFilled() : Rule("VERPLICHT", Ernst.Fout, Colour.Blue, RowKind.Beide)
{
    private static readonly Column[] Omzetting =
    [
        Column.Gemeentecode, Column.AanbiederAgb, Column.Bsn, Column.Naam, Column.Geboortedatum, Column.Toewijzingnummer,
        Column.Productcode2022, Column.Ingangsdatum, Column.Einddatum, Column.Volume, Column.Eenheid, Column.Frequentie,
    ];

    // An ambulant row copies these six from the row it belongs to.
    private static readonly Column[] Ambulant =
        [Column.Gemeentecode, Column.AanbiederAgb, Column.Bsn, Column.Naam, Column.Geboortedatum, Column.Toewijzingnummer];

    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        foreach (var column in row.IsAmbulant ? Ambulant : Omzetting)
            if (row[column].IsEmpty)
                meldingen.Report(this, column, $"{ctx.Header(column)} is leeg. Vul dit verplichte veld in.");
    }
}

public sealed class BsnMustPassElfproef() : Rule("BSN_ONGELDIG", Ernst.Fout, Colour.Blue, RowKind.Beide)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row[Column.Bsn].IsEmpty) return;
        var probleem = row.Bsn switch
        {
            null => "BSN jeugdige moet uit 9 cijfers bestaan.",
            "000000000" => "BSN jeugdige bestaat alleen uit nullen.",
            var bsn when !PassesElfproef(bsn) => "BSN jeugdige voldoet niet aan de elfproef.",
            _ => null,
        };
        if (probleem is not null)
            meldingen.Report(this, Column.Bsn, probleem + " Controleer het nummer in de eigen administratie.");
    }

    /// <summary>9×d1 + 8×d2 + … + 2×d8 − 1×d9 is a multiple of 11.</summary>
    public static bool PassesElfproef(string nineDigits)
    {
        var sum = 0;
        for (var i = 0; i < 8; i++) sum += (9 - i) * (nineDigits[i] - '0');
        sum -= nineDigits[8] - '0';
        return sum % 11 == 0;
    }
}

public sealed class ToewijzingnummerMustBeWholeNumber() : Rule("TOEWIJZINGNUMMER_ONGELDIG", Ernst.Fout, Colour.Blue, RowKind.Beide)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (!row[Column.Toewijzingnummer].IsEmpty && row.Toewijzingnummer is null)
            meldingen.Report(this, Column.Toewijzingnummer,
                "Toewijzingnummer moet een heel getal van 1 tot en met 999.999.999 zijn. Neem het nummer over uit de toewijzing (iJw-bericht).");
    }
}

public sealed class GemeenteMustBelongToRegio() : Rule("GEMEENTE_ONBEKEND", Ernst.Fout, Colour.Blue, RowKind.Beide)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row[Column.Gemeentecode].IsEmpty) return;
        if (row.Gemeentecode is null || ctx.Catalogus.Gemeente(row.Gemeentecode) is null)
        {
            var voorbeeld = ctx.Catalogus.Gemeenten[0];
            meldingen.Report(this, Column.Gemeentecode,
                $"Gemeentecode hoort niet bij een gemeente van regio {ctx.Catalogus.Regio.Regio}. Vul de CBS-code van 4 cijfers in, bijvoorbeeld {voorbeeld.Cbscode} voor {voorbeeld.Naam}.");
        }
    }
}

public sealed class AgbMustHaveEightDigits() : Rule("AGB_ONGELDIG", Ernst.Fout, Colour.Blue, RowKind.Beide)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (!row[Column.AanbiederAgb].IsEmpty && row.Agb is null)
            meldingen.Report(this, Column.AanbiederAgb,
                $"AGB-code aanbieder moet uit 8 cijfers bestaan. Neem de code over uit het tabblad Gegunde aanbieders {ctx.Nieuw}.");
    }
}

public sealed class AanbiederMustBeGegund() : Rule("AANBIEDER_NIET_GEGUND", Ernst.Fout, Colour.Blue, RowKind.Beide)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Agb is not null && row.Aanbieder is null)
            meldingen.Report(this, Column.AanbiederAgb,
                $"AGB-code aanbieder staat niet bij de gegunde aanbieders {ctx.Nieuw}, dus deze toewijzing kan niet worden omgezet. Controleer de code; klopt die, neem dan contact op met de regio.");
    }
}

public sealed class AanbiederNaamShouldMatchRegister() : Rule("AANBIEDER_NAAM_AFWIJKEND", Ernst.Info, Colour.Blue)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        var naam = row[Column.AanbiederNaam];
        if (row.Aanbieder is null || naam.IsEmpty) return;
        if (!TextCompare.SameFolded(naam.AsText(), row.Aanbieder.Naam))
            meldingen.Report(this, Column.AanbiederNaam,
                $"Naam aanbieder wijkt af van de naam bij deze AGB-code: {row.Aanbieder.Naam}. Controleer of de AGB-code klopt.");
    }
}
