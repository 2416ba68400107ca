namespace MigratieAddin.Api;

public sealed record RijUitslag(int? Rij, Status Status, IReadOnlyList<Melding> Meldingen);

public sealed record Telling(int Ok, int Onvolledig, int Overleg, int Fout);

/// <summary>The report: every row once, in request order; workbook-level messages; counts per status.</summary>
public sealed record Beoordeling(IReadOnlyList<RijUitslag> Rijen, IReadOnlyList<Melding> Meldingen, Telling Telling);

/// <summary>A judgement with what went into it, for callers that act on the rows (splitting, converting): the rows as
/// read, how they relate, and (fase controle) what the seal check found.</summary>
public sealed record Judgement(Beoordeling Beoordeling, SealOutcome? Seal, IReadOnlyList<ReadRow> Rows, RowRelations Relations);

/// <summary>The rules engine: rows and catalogue in, meldingen out. No HTTP and no spreadsheet in here.</summary>
public sealed class Validator(Catalogus catalogus, Sealer sealer)
{
    /// <summary>How many cores a large request's rows are judged on (tests set 1 to compare with one thread).</summary>
    internal int Cores { get; init; } = Environment.ProcessorCount;

    /// <summary>Every rule in the order of FORMAT.md's tables: a cell gets the first one that applies.</summary>
    public static readonly Rule[] Rules =
    [
        // Blue columns
        new RequiredCellsMustBeFilled(),
        new BsnMustPassElfproef(),
        new ToewijzingnummerMustBeWholeNumber(),
        new GemeenteMustBelongToRegio(),
        new AgbMustHaveEightDigits(),
        new AanbiederMustBeGegund(),
        new AanbiederNaamShouldMatchRegister(),
        new Product2022MustBeKnown(),
        new Product2022MustNotBeGgz(),
        new Productcategorie2022MustMatchCatalogus(),
        new BlueDatesMustBeDates(),
        new EinddatumMustNotPrecedeIngangsdatum(),
        new EinddatumMustLieAfterPeildatum(),
        new IngangsdatumMustLieOnOrBeforePeildatum(),
        new GeboortedatumMustBePlausible(),
        new Jeugdige18PlusNeedsOverleg(),
        new OmvangMustFollowIjw(),
        new ToewijzingMustBeUnique(),
        // Yellow columns
        new Product2023MustBeFilled(),
        new Product2023MustBeKnown(),
        new Productcategorie2023MustMatchCatalogus(),
        new Product2023MustBeGegund(),
        new Product2023MustBeAllowedOmzetting(),
        new IntensiteitChangeNeedsOverleg(),
        new Einddatum2023MustBeValid(),
        new Einddatum2023ChangeNeedsOverleg(),
        new Volume2023MustBeValid(),
        new Volume2023DeviationNeedsOverleg(),
        new Product2023MustNotStack(),
        new BudgetOnlyOnAmbulantRows(),
        new AmbulantRowMustHaveValidBudget(),
        new AmbulantBudgetNeedsOverleg(),
        new AmbulantRowMustBelongToCombinatie(),
        new CombinatieNeedsAmbulantRow(),
        new OpmerkingIsShown(),
    ];

    public Beoordeling Validate(IReadOnlyList<Row> rows, Fase fase, string? verzegeling = null, CancellationToken ct = default) =>
        Judge(rows, fase, verzegeling, ct).Beoordeling;

    public Judgement Judge(IReadOnlyList<Row> rows, Fase fase, string? verzegeling = null, CancellationToken ct = default) =>
        Judge(rows, fase, verzegeling is null ? null : [verzegeling], ct);

    /// <summary>The same with the seal as its lines (as a returned workbook holds it), never joined into one text.</summary>
    public Beoordeling Validate(IReadOnlyList<Row> rows, Fase fase, IReadOnlyList<string>? sealLines, CancellationToken ct = default) =>
        Judge(rows, fase, sealLines, ct).Beoordeling;

    /// <summary>The same with the seal as its lines (as a returned workbook holds it), never joined into one text.</summary>
    public Judgement Judge(IReadOnlyList<Row> rows, Fase fase, IReadOnlyList<string>? sealLines, CancellationToken ct = default)
    {
        var read = new ReadRow[rows.Count];
        InParts(rows.Count, ct, (from, to) =>
        {
            for (var i = from; i < to; i++) read[i] = new ReadRow(rows[i], i, catalogus);
        });
        var relations = new RowRelations(read, catalogus.Regio.IngangsdatumNieuw);
        var ctx = new RuleContext(catalogus, fase, relations);
        var seal = fase == Fase.Controle ? ReturnedWorkbookRules.Check(read, sealLines, sealer, catalogus.Regio) : null;

        var results = new RijUitslag[rows.Count];
        InParts(read.Length, ct, (from, to) =>
        {
            var perRij = new RijMeldingen();
            for (var i = from; i < to; i++)
            {
                var row = read[i];
                if (row.IsEmpty)
                {
                    results[i] = new RijUitslag(row.Row.Number, Status.Ok, []);
                    continue;
                }
                var meldingen = ValidateRow(row, ctx, perRij, seal?.PerRow.GetValueOrDefault(i));
                results[i] = new RijUitslag(row.Row.Number, StatusOf.Meldingen(meldingen), meldingen);
            }
        });
        int ok = 0, onvolledig = 0, overleg = 0, fout = 0;
        for (var i = 0; i < results.Length; i++)
        {
            if (read[i].IsEmpty) continue; // an empty row is answered, not counted
            switch (results[i].Status)
            {
                case Status.Ok: ok++; break;
                case Status.Onvolledig: onvolledig++; break;
                case Status.Overleg: overleg++; break;
                default: fout++; break;
            }
        }
        return new Judgement(new Beoordeling(results, seal?.Werkboek ?? [], new Telling(ok, onvolledig, overleg, fout)), seal, read, relations);
    }

    internal const int RowsPerPart = 1024;

    /// <summary>Runs <paramref name="part"/> over consecutive ranges of rows on the machine's cores (each row's reading
    /// and rules depend only on that row, the catalogue and the relations built before); a request of up to a thousand
    /// rows stays on its own thread.</summary>
    private void InParts(int count, CancellationToken ct, Action<int, int> part) =>
        Parts.Run((count + RowsPerPart - 1) / RowsPerPart, Cores, ct,
            p => part(p * RowsPerPart, Math.Min(count, (p + 1) * RowsPerPart)));

    /// <summary>The rules that can apply, by fase, kind of row and whether productcode2022 is usable, each in the order of
    /// <see cref="Rules"/>: chosen once here instead of for every row.</summary>
    private static readonly Rule[][] Applicable = ApplicableRules();

    private static int Slot(Fase fase, bool ambulant, bool usable) => ((int)fase * 2 + (ambulant ? 1 : 0)) * 2 + (usable ? 1 : 0);

    private static Rule[][] ApplicableRules()
    {
        var slots = new Rule[Enum.GetValues<Fase>().Length * 4][];
        foreach (var fase in Enum.GetValues<Fase>())
            foreach (var ambulant in new[] { false, true })
                foreach (var usable in new[] { false, true })
                    slots[Slot(fase, ambulant, usable)] = [.. Rules.Where(rule =>
                        !(fase == Fase.Gemeente && rule.Colour == Colour.Yellow)
                        && (rule.RowKind & (ambulant ? RowKind.Ambulant : RowKind.Omzetting)) != 0
                        && (usable || !rule.NeedsUsableProduct2022))];
        return slots;
    }

    private static Rule[] RulesFor(Fase fase, ReadRow row) => Applicable[Slot(fase, row.IsAmbulant, row.Product2022Usable)];

    private static Melding[] ValidateRow(ReadRow row, RuleContext ctx, RijMeldingen meldingen, List<Melding>? returned)
    {
        foreach (var rule in RulesFor(ctx.Fase, row)) rule.Check(row, ctx, meldingen);
        if (returned is not null)
            foreach (var m in returned) meldingen.Report(m);
        return meldingen.TakeAll();
    }
}
