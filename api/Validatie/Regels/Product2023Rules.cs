namespace MigratieAddin.Api;

// Yellow columns: the 2023 product the aanbieder chose.

public sealed class Product2023MustBeFilled() : Rule("PRODUCT2023_LEEG", Ernst.Onvolledig, Colour.Yellow)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Code2023 is null)
            meldingen.Report(this, Column.Productcode2023,
                $"Productcode {ctx.Nieuw} is nog niet ingevuld. " + ctx.Voor(
                    $"Kies de productcode {ctx.Nieuw} die past bij de zorg voor deze jeugdige.",
                    $"De aanbieder kiest de productcode {ctx.Nieuw} die past bij de zorg voor deze jeugdige."));
    }
}

public sealed class Product2023MustBeKnown() : Rule("PRODUCT2023_ONBEKEND", Ernst.Fout, Colour.Yellow)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Code2023 is not null && row.Product2023 is null)
            meldingen.Report(this, Column.Productcode2023, $"Productcode {ctx.Nieuw} staat niet in het tabblad Producten {ctx.Nieuw}. Kies een code uit die lijst.");
    }
}

public sealed class Productcategorie2023MustMatchCatalogus() : Rule("PRODUCTCATEGORIE_2023_ONJUIST", Ernst.Fout, Colour.Yellow, RowKind.Beide)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.IsAmbulant)
        {
            if (row.Code2023 is not null)
                meldingen.Report(this, Column.Productcategorie2023,
                    $"Productcategorie {ctx.Nieuw} is {ctx.Catalogus.Regio.CategorieAmbulant} (ambulant), en een ambulante rij heeft geen productcode {ctx.Nieuw}. Maak Productcode {ctx.Nieuw} leeg en vul Budget {ctx.Nieuw} in.");
            return;
        }
        var categorie = row[Column.Productcategorie2023];
        if (categorie.IsEmpty || row.Product2023 is not { } product) return;
        if (!ValueReader.TryWholeNumber(categorie, out var n) || n != long.Parse(product.Productcategorie, System.Globalization.CultureInfo.InvariantCulture))
            meldingen.Report(this, Column.Productcategorie2023,
                $"Productcategorie {ctx.Nieuw} past niet bij productcode {product.Productcode}: dat is categorie {product.Productcategorie}. Vul {product.Productcategorie} in of laat het veld leeg.");
    }
}

public sealed class Product2023MustBeGegund() : Rule("PRODUCT2023_NIET_GEGUND", Ernst.Fout, Colour.Yellow)
{
    public override bool NeedsUsableProduct2022 => true;

    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row is not { Aanbieder: { } aanbieder, Product2023: { } product } || aanbieder.IsGegund(product.Productcode)) return;
        // Only codes that are both gegund and an allowed omzetting of this row's product 2022 are worth suggesting.
        var passend = row.Product2022 is { } p2022
            ? ctx.Catalogus.OmzettingenFrom(p2022.Productcode).Select(o => o.Productcode2023).Where(aanbieder.IsGegund).ToList()
            : [];
        var advies = passend.Count > 0
            ? $"Kies een gegunde code die een toegestane omzetting is: {string.Join(", ", passend)}."
            : $"Geen van de toegestane omzettingen van deze productcode {ctx.Oud} is aan deze aanbieder gegund; deze zorg loopt via het reguliere proces.";
        meldingen.Report(this, Column.Productcode2023, $"Productcode {ctx.Nieuw} {product.Productcode} is niet aan deze aanbieder gegund. {advies}");
    }
}

public sealed class Product2023MustBeAllowedOmzetting() : Rule("PRODUCT2023_NIET_TOEGESTAAN", Ernst.Fout, Colour.Yellow)
{
    public override bool NeedsUsableProduct2022 => true;

    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row is not { Product2022: { } p2022, Product2023: { } p2023 }) return;
        if (ctx.Catalogus.Omzetting(p2022.Productcode, p2023.Productcode) is not null) return;
        var toegestaan = ctx.Catalogus.OmzettingenFrom(p2022.Productcode).Select(o => o.Productcode2023);
        meldingen.Report(this, Column.Productcode2023,
            $"Productcode {ctx.Nieuw} {p2023.Productcode} is geen toegestane omzetting van productcode {ctx.Oud} {p2022.Productcode}; kies uit {string.Join(", ", toegestaan)}. Een andere zorgvorm loopt via het reguliere proces.");
    }
}

public sealed class IntensiteitChangeNeedsOverleg() : Rule("INTENSITEIT_GEWIJZIGD", Ernst.Overleg, Colour.Yellow)
{
    public override bool NeedsUsableProduct2022 => true;

    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row is not { Product2022: { } p2022, Product2023: { } p2023 }) return;
        if (ctx.Catalogus.Omzetting(p2022.Productcode, p2023.Productcode) is not { Standaard: false }) return;
        var standaard = ctx.Catalogus.OmzettingenFrom(p2022.Productcode).FirstOrDefault(o => o.Standaard);
        var hint = standaard is null ? "" : $" (de standaardomzetting is {standaard.Productcode2023})";
        meldingen.Report(this, Column.Productcode2023,
            $"Productcode {ctx.Nieuw} {p2023.Productcode} heeft een andere intensiteit dan de huidige zorg{hint}. " + ctx.OverlegZin("Een andere intensiteit"));
    }
}

public sealed class Product2023MustNotStack() : Rule("STAPELING", Ernst.Fout, Colour.Yellow)
{
    public override bool NeedsUsableProduct2022 => true;

    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (ctx.Relations.StapelingWith(row) is { } other)
            meldingen.Report(this, Column.Productcode2023,
                $"Productcode {ctx.Nieuw} {row.Product2023!.Productcode} staat voor deze jeugdige bij deze aanbieder nog een keer in dezelfde periode{RowText.Also(other)}; dat is stapeling (iJw OP259). Kies een andere productcode {ctx.Nieuw} of laat de einddatums {ctx.Nieuw} niet overlappen.");
    }
}
