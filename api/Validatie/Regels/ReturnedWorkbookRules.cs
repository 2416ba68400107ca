namespace MigratieAddin.Api;

public sealed class SealOutcome
{
    /// <summary>The meldingen of the returned-workbook rules per row index: on a cell, or (Kolom null) on the whole row.</summary>
    public Dictionary<int, List<Melding>> PerRow { get; } = [];
    public List<Melding> Werkboek { get; } = [];
    /// <summary>VERZEGELING_ONGELDIG: nothing in the workbook can be trusted and it is not converted.</summary>
    public bool Ongeldig { get; set; }
    /// <summary>The id of the workbook whose seal verified: approval marks are bound to it. Null without a valid seal.</summary>
    public string? WerkboekId { get; set; }
    /// <summary>Toewijzingnummers of sent rows that are missing or empty now.</summary>
    public List<string> Verwijderd { get; } = [];

    public void Add(ReadRow row, Melding melding)
    {
        if (!PerRow.TryGetValue(row.Index, out var list)) PerRow[row.Index] = list = [];
        list.Add(melding);
    }
}

/// <summary>The rules of FORMAT.md "Returned workbook": run on the returned workbook alone, against its seal.</summary>
public static class ReturnedWorkbookRules
{
    /// <param name="sealLines">The seal's lines (the seal sheet's column A, or the text a client passed, as one line or
    /// several); null when the workbook has none.</param>
    public static SealOutcome Check(IReadOnlyList<ReadRow> rows, IReadOnlyList<string>? sealLines, Sealer sealer, RegioSettings regio)
    {
        var outcome = new SealOutcome();
        var present = rows.Where(r => !r.IsEmpty).ToList();
        var hasRegelIds = present.Any(r => RegelIdOf(r).Length > 0);
        if (Seal.IsAbsent(sealLines) && !hasRegelIds)
        {
            outcome.Werkboek.Add(new Melding("GEEN_VERZEGELING", Ernst.Info, null,
                "Dit werkboek heeft geen verzegeling (bijvoorbeeld het eigen werkformat van de gemeente). Of blauwe cellen zijn gewijzigd of rijen zijn verwijderd, kan daarom niet worden gecontroleerd."));
            return outcome;
        }
        // Rows with Regel-IDs were sent sealed: a seal that is gone, emptied or renamed is as untrustworthy as an edited one.
        if (Seal.IsAbsent(sealLines))
            return Ongeldig(outcome, "De rijen van dit werkboek hebben een Regel-ID, dus de gemeente stuurde het verzegeld, maar de verzegeling ontbreekt (het verborgen tabblad Verzegeling is verwijderd, leeggemaakt of hernoemd). Niets in dit werkboek kan worden vertrouwd en het wordt niet omgezet. Vraag de aanbieder het werkboek te gebruiken dat de gemeente stuurde.");
        var seal = Seal.Verify(sealLines!, sealer);
        if (seal is null || present.Any(r => RegelIdOf(r) is { Length: > 0 } id && Seal.WerkboekOf(id) != seal.WerkboekId))
            return Ongeldig(outcome, "De verzegeling van dit werkboek klopt niet: ze is gewijzigd, komt uit een ander werkboek of is beschadigd. Niets in dit werkboek kan worden vertrouwd en het wordt niet omgezet. Vraag de aanbieder het werkboek te gebruiken dat de gemeente stuurde.");
        outcome.WerkboekId = seal.WerkboekId;

        var byRegelId = present.Where(r => !r.IsAmbulant).GroupBy(r => RegelIdOf(r)).ToDictionary(g => g.Key, g => g.ToList());
        var sent = new HashSet<ReadRow>();
        foreach (var sealed_ in seal.Rows)
        {
            if (!byRegelId.TryGetValue(sealed_.RegelId, out var candidates))
            {
                outcome.Verwijderd.Add(sealed_.Toewijzingnummer);
                outcome.Werkboek.Add(new Melding("REGEL_VERWIJDERD", Ernst.Fout, null,
                    $"De rij met toewijzingnummer {sealed_.Toewijzingnummer} die u stuurde, ontbreekt in het teruggestuurde werkboek of is leeggemaakt. Vraag de aanbieder de rij terug te zetten; hoort de toewijzing er niet meer bij, dan loopt dat via het reguliere proces."));
                continue;
            }
            // The sent row is the copy whose blue cells still match the seal; failing that, the closest one.
            var changed = candidates.Select(r => (Row: r, Changed: ChangedColumns(r, sealed_, seal))).OrderBy(x => x.Changed.Count).ThenBy(x => x.Row.Index).First();
            sent.Add(changed.Row);
            foreach (var column in changed.Changed)
                outcome.Add(changed.Row, new Melding("BLAUW_GEWIJZIGD", Ernst.Fout, column.Key(),
                    $"{column.Header(regio)} wijkt af van wat u stuurde. Vraag de aanbieder de oorspronkelijke waarde terug te zetten; een wijziging in de blauwe kolommen loopt via uw eigen administratie, niet via dit werkboek."));
        }
        foreach (var row in present.Where(r => !r.IsAmbulant && !sent.Contains(r)))
            outcome.Add(row, new Melding("REGEL_TOEGEVOEGD", Ernst.Overleg, null,
                "Deze rij stond niet in het werkboek dat u stuurde. Overleg met de aanbieder of deze toewijzing erbij hoort."));
        return outcome;
    }

    private static SealOutcome Ongeldig(SealOutcome outcome, string text)
    {
        outcome.Ongeldig = true;
        outcome.Werkboek.Add(new Melding("VERZEGELING_ONGELDIG", Ernst.Fout, null, text));
        return outcome;
    }

    private static string RegelIdOf(ReadRow row) => row[Column.RegelId].AsText().Trim();

    private static List<Column> ChangedColumns(ReadRow row, SealedRow sealed_, Seal seal)
    {
        var changed = new List<Column>();
        for (var i = 0; i < Seal.BlueColumns.Count; i++)
        {
            var column = Seal.BlueColumns[i];
            if (!Sealer.SameMac(sealed_.Macs[i], seal.CellMac(sealed_.RegelId, column, row[column]))) changed.Add(column);
        }
        return changed;
    }
}
