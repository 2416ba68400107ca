namespace MigratieAddin.Api;

// Blue columns: the 2022 product.

public sealed class Product2022MustBeKnown() : Rule("PRODUCT2022_ONBEKEND", Ernst.Fout, Colour.Blue)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Code2022 is not null && row.Product2022 is null)
            meldingen.Report(this, Column.Productcode2022,
                $"Productcode {ctx.Oud} staat niet in het tabblad Producten {ctx.Oud}. Controleer de code: alleen wonen/verblijf hoort in dit format.");
    }
}

public sealed class Product2022MustNotBeGgz() : Rule("PRODUCT2022_GGZ", Ernst.Fout, Colour.Blue)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Product2022 is { IsGgzVerblijf: true } product)
            meldingen.Report(this, Column.Productcode2022,
                $"Productcode {ctx.Oud} {product.Productcode} is GGZ-verblijf: die toewijzing loopt onder dezelfde code door en hoort niet in dit format. Haal de rij uit het format.");
    }
}

public sealed class Productcategorie2022MustMatchCatalogus() : Rule("PRODUCTCATEGORIE_ONJUIST", Ernst.Fout, Colour.Blue)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        var categorie = row[Column.Productcategorie2022];
        if (categorie.IsEmpty || row.Product2022 is not { } product) return;
        if (!ValueReader.TryWholeNumber(categorie, out var n) || n != long.Parse(product.Productcategorie, System.Globalization.CultureInfo.InvariantCulture))
            meldingen.Report(this, Column.Productcategorie2022,
                $"Productcategorie {ctx.Oud} past niet bij productcode {product.Productcode}: dat is categorie {product.Productcategorie}. Vul {product.Productcategorie} in of laat het veld leeg.");
    }
}
