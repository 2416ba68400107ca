namespace MigratieAddin.Api;

// Blue columns: dates, scope and age.

public sealed class BlueDatesMustBeDates() : Rule("DATUM_ONGELDIG", Ernst.Fout, Colour.Blue, RowKind.Beide)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        Check(row.Geboortedatum, Column.Geboortedatum);
        if (row.IsAmbulant) return;
        Check(row.Ingangsdatum, Column.Ingangsdatum);
        Check(row.Einddatum, Column.Einddatum);

        void Check(DateOnly? date, Column column)
        {
            if (date is null && !row[column].IsEmpty)
                meldingen.Report(this, column, $"{ctx.Header(column)} is geen geldige datum. Schrijf de datum als dd-mm-jjjj, bijvoorbeeld 01-03-{ctx.Oud}.");
        }
    }
}

public sealed class EinddatumMustNotPrecedeIngangsdatum() : Rule("EINDDATUM_VOOR_INGANGSDATUM", Ernst.Fout, Colour.Blue)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Einddatum < row.Ingangsdatum)
            meldingen.Report(this, Column.Einddatum, "Einddatum ligt voor de ingangsdatum. Controleer beide datums in de eigen administratie.");
    }
}

public sealed class EinddatumMustLieAfterPeildatum() : Rule("BUITEN_SCOPE_EINDDATUM", Ernst.Fout, Colour.Blue)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Einddatum <= ctx.Peildatum)
            meldingen.Report(this, Column.Einddatum,
                $"Einddatum ligt op of voor {Dutch.Datum(ctx.Peildatum)}: deze toewijzing loopt niet door en hoort niet in dit format. Haal de rij uit het format.");
    }
}

public sealed class IngangsdatumMustLieOnOrBeforePeildatum() : Rule("BUITEN_SCOPE_INGANGSDATUM", Ernst.Fout, Colour.Blue)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Ingangsdatum > ctx.Peildatum)
            meldingen.Report(this, Column.Ingangsdatum,
                $"Ingangsdatum ligt na {Dutch.Datum(ctx.Peildatum)}: dit is geen lopende toewijzing van vóór de overgang. Controleer de ingangsdatum of haal de rij uit het format.");
    }
}

public sealed class GeboortedatumMustBePlausible() : Rule("GEBOORTEDATUM_ONLOGISCH", Ernst.Fout, Colour.Blue)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Geboortedatum is not { } geboren) return;
        if (geboren > row.Ingangsdatum)
            meldingen.Report(this, Column.Geboortedatum, "Geboortedatum ligt na de ingangsdatum van de toewijzing. Controleer de geboortedatum.");
        else if (geboren > ctx.NewStart)
            meldingen.Report(this, Column.Geboortedatum,
                $"Geboortedatum ligt na {Dutch.Datum(ctx.NewStart)}, de ingangsdatum van de nieuwe toewijzing. Controleer de geboortedatum.");
        else if (Age.On(geboren, ctx.NewStart) >= 23)
            meldingen.Report(this, Column.Geboortedatum,
                $"Volgens de geboortedatum is de jeugdige op {Dutch.Datum(ctx.NewStart)} 23 jaar of ouder; dan is jeugdhulp niet mogelijk. Controleer de geboortedatum.");
    }
}

public sealed class Jeugdige18PlusNeedsOverleg() : Rule("LEEFTIJD_18_PLUS", Ernst.Overleg, Colour.Blue)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Geboortedatum is { } geboren && Age.On(geboren, ctx.NewStart) is >= 18 and <= 22)
            meldingen.Report(this, Column.Geboortedatum,
                $"Volgens de geboortedatum is de jeugdige op {Dutch.Datum(ctx.NewStart)} 18 jaar of ouder (verlengde jeugdhulp). " + ctx.Voor(
                    "Stem met de gemeente af of de hulp doorloopt.", "Ga na of de hulp doorloopt en stem dat af met de aanbieder."));
    }
}

public static class Age
{
    /// <summary>Age in whole years on a date, counting birthdays.</summary>
    public static int On(DateOnly born, DateOnly on)
    {
        var years = on.Year - born.Year;
        return on < born.AddYears(years) ? years - 1 : years;
    }
}
