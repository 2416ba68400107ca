namespace MigratieAddin.Api;

/// <summary>What the rules that compare rows need to know about the whole request, built once
/// per request so that each row's check stays a lookup.</summary>
public sealed class RowRelations
{
    private readonly Dictionary<(string, long), List<ReadRow>> _perToewijzing = [];
    private readonly Dictionary<string, List<ReadRow>> _omzettingPerSleutel = [];
    private readonly HashSet<string> _ambulantSleutels = [];
    private readonly Dictionary<int, ReadRow> _stapelingMet = [];

    public RowRelations(IReadOnlyList<ReadRow> rows, DateOnly newStart)
    {
        var perJeugdigeEnProduct = new Dictionary<string, List<(ReadRow Row, DateOnly Einde)>>();
        foreach (var r in rows)
        {
            if (r.IsEmpty) continue;
            if (r.IsAmbulant) { _ambulantSleutels.Add(r.LinkKey); continue; }

            Voeg(_omzettingPerSleutel, r.LinkKey, r);
            if (r.Gemeentecode is not null && r.Toewijzingnummer is { } nummer)
                Voeg(_perToewijzing, (r.Gemeentecode, nummer), r);
            if (End2023(r, newStart) is { } einde && r is { Product2022Usable: true, Product2023: not null, Bsn: not null, Agb: not null })
            {
                var sleutel = $"{r.Bsn}|{r.Agb}|{r.Product2023.Productcode}";
                if (!perJeugdigeEnProduct.TryGetValue(sleutel, out var lijst)) perJeugdigeEnProduct[sleutel] = lijst = [];
                lijst.Add((r, einde));
            }
        }
        foreach (var groep in perJeugdigeEnProduct.Values)
            if (groep.Count > 1) FindOverlaps(groep, newStart);
    }

    /// <summary>Other omzetting rows with the same gemeentecode and toewijzingnummer.</summary>
    public IEnumerable<ReadRow> SameToewijzing(ReadRow row) =>
        row.Gemeentecode is not null && row.Toewijzingnummer is { } n && _perToewijzing.TryGetValue((row.Gemeentecode, n), out var lijst)
            ? lijst.Where(r => r != row) : [];

    /// <summary>An omzetting row whose 2023 period overlaps this row's, for the same jeugdige, aanbieder and product.</summary>
    public ReadRow? StapelingWith(ReadRow row) => _stapelingMet.GetValueOrDefault(row.Index);

    public IReadOnlyList<ReadRow> OmzettingRowsOf(ReadRow ambulant) =>
        _omzettingPerSleutel.GetValueOrDefault(ambulant.LinkKey) ?? [];

    public bool HasAmbulantRow(ReadRow omzetting) => _ambulantSleutels.Contains(omzetting.LinkKey);

    /// <summary>The end of the row's 2023 period (einddatum2023, or einddatum when that is empty), if it has one.</summary>
    public static DateOnly? End2023(ReadRow r, DateOnly newStart)
    {
        DateOnly? einde = r[Column.Einddatum2023].IsEmpty ? r.Einddatum : r.Einddatum2023;
        return einde >= newStart ? einde : null;
    }

    // Every 2023 period starts on the new start date today, but a sweep keeps this right for any start.
    private void FindOverlaps(List<(ReadRow Row, DateOnly Einde)> groep, DateOnly start)
    {
        var gesorteerd = groep.Select(g => (g.Row, Start: start, g.Einde)).OrderBy(g => g.Start).ThenBy(g => g.Row.Index).ToList();
        var verste = -1;
        for (var i = 0; i < gesorteerd.Count; i++)
        {
            var huidig = gesorteerd[i];
            if (verste >= 0 && huidig.Start <= gesorteerd[verste].Einde)
                _stapelingMet.TryAdd(huidig.Row.Index, gesorteerd[verste].Row);
            if (i + 1 < gesorteerd.Count && gesorteerd[i + 1].Start <= huidig.Einde)
                _stapelingMet.TryAdd(huidig.Row.Index, gesorteerd[i + 1].Row);
            if (verste < 0 || huidig.Einde > gesorteerd[verste].Einde) verste = i;
        }
    }

    private static void Voeg<TSleutel>(Dictionary<TSleutel, List<ReadRow>> d, TSleutel sleutel, ReadRow r) where TSleutel : notnull
    {
        if (!d.TryGetValue(sleutel, out var lijst)) d[sleutel] = lijst = [];
        lijst.Add(r);
    }
}
