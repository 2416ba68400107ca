namespace MigratieAddin.Api;

// Yellow columns: einddatum and volume for 2023.

public sealed class Einddatum2023MustBeValid() : Rule("EINDDATUM_2023_ONGELDIG", Ernst.Fout, Colour.Yellow, RowKind.Beide)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row[Column.Einddatum2023].IsEmpty) return;
        if (row.Einddatum2023 is null)
            meldingen.Report(this, Column.Einddatum2023, $"Einddatum {ctx.Nieuw} is geen geldige datum. Schrijf de datum als dd-mm-jjjj of laat het veld leeg als de einddatum gelijk blijft.");
        else if (row.Einddatum2023 < ctx.NewStart)
            meldingen.Report(this, Column.Einddatum2023,
                $"Einddatum {ctx.Nieuw} ligt voor {Dutch.Datum(ctx.NewStart)}, de ingangsdatum van de nieuwe toewijzing. Corrigeer de datum of laat het veld leeg.");
    }
}

public sealed class Einddatum2023ChangeNeedsOverleg() : Rule("EINDDATUM_GEWIJZIGD", Ernst.Overleg, Colour.Yellow, RowKind.Beide)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Einddatum2023 is not { } nieuw || Einddatum(row, ctx) is not { } huidig || nieuw == huidig) return;
        meldingen.Report(this, Column.Einddatum2023,
            $"Einddatum {ctx.Nieuw} wijkt af van de huidige einddatum ({Dutch.Datum(huidig)}). " + ctx.OverlegZin("Een andere looptijd"));
    }

    /// <summary>The current einddatum: the row's own, or for an ambulant row without one, that of its omzetting row.</summary>
    private static DateOnly? Einddatum(ReadRow row, RuleContext ctx) =>
        row.Einddatum ?? (row.IsAmbulant ? ctx.Relations.OmzettingRowsOf(row).Select(r => r.Einddatum).FirstOrDefault(d => d is not null) : null);
}

public sealed class Volume2023MustBeValid() : Rule("VOLUME_2023_ONGELDIG", Ernst.Fout, Colour.Yellow)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (!row[Column.Volume2023].IsEmpty && !(row.Volume2023 is { } v && ValueReader.IsValidVolume(v)))
            meldingen.Report(this, Column.Volume2023,
                $"Volume {ctx.Nieuw} moet een heel getal van 1 tot en met 99.999.999 zijn. Laat het veld leeg om het huidige volume over te nemen.");
    }
}

public sealed class Volume2023DeviationNeedsOverleg() : Rule("VOLUME_AFWIJKEND", Ernst.Overleg, Colour.Yellow)
{
    public override bool NeedsUsableProduct2022 => true;

    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Volume2023 is not { } gegeven || !ValueReader.IsValidVolume(gegeven)) return;
        if (ExpectedVolume.Of(row, ctx.NewStart) is not { } verwacht) return;
        var tolerantie = row.Frequentie == 6 ? ctx.Catalogus.Regio.VolumeTolerantie : 0m;
        if (verwacht.Allows((long)gegeven, tolerantie)) return;
        var tekst = row.Frequentie == 6
            ? $"Volume {ctx.Nieuw} wijkt meer dan {Dutch.Procent(tolerantie)} af van het verwachte volume voor de rest van de looptijd ({Dutch.Getal(verwacht.RoundedUp)})."
            : $"Volume {ctx.Nieuw} wijkt af van het huidige volume ({Dutch.Getal(verwacht.RoundedUp)}).";
        meldingen.Report(this, Column.Volume2023, tekst + " " + ctx.OverlegZin("Een andere omvang"));
    }
}

/// <summary>An expected volume as the exact fraction Teller / Noemer (both positive), so that rounding up and the
/// tolerance are judged without any rounding on the way (FORMAT.md, VOLUME_AFWIJKEND: exactly 10 % is allowed).</summary>
public readonly record struct Verwacht(long Teller, long Noemer)
{
    /// <summary>The whole volume a line gets when Volume 2023 is left empty: the fraction rounded up.</summary>
    public long RoundedUp => (Teller + Noemer - 1) / Noemer;

    /// <summary>Whether |given − expected| ≤ tolerance × expected. With the tolerance as p / q (its decimal digits) and
    /// expected as T / N this is q·|given·N − T| ≤ p·T: whole numbers only, in BigInteger (q can be 10^28).</summary>
    public bool Allows(long given, decimal tolerance)
    {
        var bits = decimal.GetBits(tolerance);
        var p = (new System.Numerics.BigInteger((uint)bits[2]) << 64) | (new System.Numerics.BigInteger((uint)bits[1]) << 32) | (uint)bits[0];
        var q = System.Numerics.BigInteger.Pow(10, (bits[3] >> 16) & 0xFF);
        var difference = System.Numerics.BigInteger.Abs((System.Numerics.BigInteger)given * Noemer - Teller);
        return q * difference <= System.Numerics.BigInteger.Abs(p) * Teller;
    }
}

public static class ExpectedVolume
{
    /// <summary>The volume a 2023 line gets when the aanbieder leaves Volume 2023 empty (before rounding up):
    /// the volume itself, or for frequentie 6 (total) the part of it that falls from the new start date on.</summary>
    public static Verwacht? Of(ReadRow row, DateOnly newStart)
    {
        if (row.Volume is not { } volume || !ValueReader.IsValidVolume(volume)) return null;
        switch (row.Frequentie)
        {
            case 1 or 2 or 4:
                return new Verwacht((long)volume, 1);
            case 6 when row is { Ingangsdatum: { } ingang, Einddatum: { } einde } && einde >= newStart && einde >= ingang:
                var totaal = einde.DayNumber - ingang.DayNumber + 1;
                var rest = einde.DayNumber - newStart.DayNumber + 1;
                return new Verwacht((long)volume * rest, totaal);
            default:
                return null;
        }
    }
}
