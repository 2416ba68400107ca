namespace MigratieAddin.Api;

// Yellow columns: budgets, ambulant rows and the aanbieder's remark.

public sealed class BudgetOnlyOnAmbulantRows() : Rule("BUDGET_NIET_TOEGESTAAN", Ernst.Fout, Colour.Yellow)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (!row[Column.Budget2023].IsEmpty)
            meldingen.Report(this, Column.Budget2023,
                $"Budget {ctx.Nieuw} hoort alleen bij een ambulante rij (productcategorie {ctx.Nieuw} = {ctx.Catalogus.Regio.CategorieAmbulant}). Maak het veld leeg of voeg een ambulante rij toe.");
    }
}

public sealed class AmbulantRowMustHaveValidBudget() : Rule("BUDGET_ONGELDIG", Ernst.Fout, Colour.Yellow, RowKind.Ambulant)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Budget is not { } budget || budget <= 0 || ValueReader.Decimals(budget) > 2)
            meldingen.Report(this, Column.Budget2023,
                $"Budget {ctx.Nieuw} ontbreekt of is ongeldig. Vul bij een ambulante rij een bedrag in euro's in, groter dan 0 en met hoogstens 2 decimalen, bijvoorbeeld 2.500,00.");
    }
}

public sealed class AmbulantBudgetNeedsOverleg() : Rule("AMBULANT_BUDGET", Ernst.Overleg, Colour.Yellow, RowKind.Ambulant)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen) =>
        meldingen.Report(this, Column.Budget2023,
            $"Budget {ctx.Nieuw} voor de ambulante zorg wordt in overleg tussen gemeente en aanbieder vastgesteld. "
            + ctx.Voor("Stem het bedrag af met de gemeente.", "Stem het bedrag af met de aanbieder en geef akkoord als u het ermee eens bent."));
}

public sealed class AmbulantRowMustBelongToCombinatie() : Rule("AMBULANT_ZONDER_COMBINATIE", Ernst.Overleg, Colour.Yellow, RowKind.Ambulant)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (!ctx.Relations.OmzettingRowsOf(row).Any(r => r.Product2022 is { CombinatieAmbulant: true }))
            meldingen.Report(this, Column.Productcategorie2023,
                $"Productcategorie {ctx.Nieuw} is {ctx.Catalogus.Regio.CategorieAmbulant} (ambulant), maar deze rij hoort bij geen toewijzing met een gecombineerd product (zelfde gemeentecode, AGB-code, toewijzingnummer en BSN). Kopieer de gegevens van die rij of overleg met de gemeente.");
    }
}

public sealed class CombinatieNeedsAmbulantRow() : Rule("COMBINATIE_ZONDER_AMBULANT", Ernst.Overleg, Colour.Yellow)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (row.Product2022 is { CombinatieAmbulant: true } product && !ctx.Relations.HasAmbulantRow(row))
            meldingen.Report(this, Column.Productcode2022,
                $"Productcode {ctx.Oud} {product.Productcode} combineert wonen/verblijf met ambulante zorg. Voeg een ambulante rij toe (kopie van deze rij met productcategorie {ctx.Nieuw} = {ctx.Catalogus.Regio.CategorieAmbulant} en een budget) of overleg met de gemeente.");
    }
}

public sealed class OpmerkingIsShown() : Rule("OPMERKING", Ernst.Info, Colour.Yellow, RowKind.Beide)
{
    public override void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen)
    {
        if (!row[Column.OpmerkingAanbieder].IsEmpty)
            meldingen.Report(this, Column.OpmerkingAanbieder, ctx.Voor(
            "U hebt een opmerking geschreven in Opmerking aanbieder; de gemeente leest die voordat zij omzet.",
            "De aanbieder heeft een opmerking geschreven in Opmerking aanbieder. Lees die voordat u omzet."));
    }
}
