using System.Runtime.InteropServices;

namespace MigratieAddin.Api;

/// <summary>What the rules that compare rows need to know about the whole request, built once
/// per request so that each row's check stays a lookup.</summary>
public sealed class RowRelations
{
    private readonly IReadOnlyList<ReadRow> _rows;
    private readonly Dictionary<int, ReadRow> _sameToewijzing = [];
    private readonly Dictionary<int, ReadRow> _stapelingWith = [];
    private readonly HashSet<LinkKey> _ambulantLinks = [];
    private Dictionary<LinkKey, List<ReadRow>>? _omzettingByLink;

    public RowRelations(IReadOnlyList<ReadRow> rows, DateOnly newStart)
    {
        _rows = rows;
        var byToewijzing = new Dictionary<(string Gemeente, long Nummer), Group<ReadRow>>();
        var byJeugdigeAndProduct = new Dictionary<(string Bsn, string Agb, string Product), Group<(ReadRow Row, DateOnly End)>>();
        foreach (var r in rows)
        {
            if (r.IsEmpty) continue;
            if (r.IsAmbulant) { _ambulantLinks.Add(r.LinkKey); continue; }

            // Only rows whose keys are valid are compared; a row with an invalid key gets that key's own message instead.
            if (r is { GemeenteInRegio: true, Toewijzingnummer: { } nummer })
                Add(byToewijzing, (r.Gemeentecode!, nummer), r);
            if (End2023(r, newStart) is { } end && r is { Product2022Usable: true, Product2023: not null, BsnValid: true, Agb: not null })
                Add(byJeugdigeAndProduct, (r.Bsn!, r.Agb, r.Product2023.Productcode), (r, end));
        }
        foreach (var group in byToewijzing.Values)
            if (group.More is { } same)
                foreach (var r in same) _sameToewijzing[r.Index] = r == group.First ? same[1] : group.First;
        foreach (var group in byJeugdigeAndProduct.Values)
            if (group.More is { } overlapping) FindOverlaps(overlapping, newStart);
    }

    /// <summary>Another omzetting row with the same gemeentecode and toewijzingnummer, if there is one.</summary>
    public ReadRow? SameToewijzing(ReadRow row) => _sameToewijzing.GetValueOrDefault(row.Index);

    /// <summary>An omzetting row whose 2023 period overlaps this row's, for the same jeugdige, aanbieder and product.</summary>
    public ReadRow? StapelingWith(ReadRow row) => _stapelingWith.GetValueOrDefault(row.Index);

    /// <summary>The omzetting rows an ambulant row belongs to (indexed on first use: most requests have few ambulant rows).</summary>
    public IReadOnlyList<ReadRow> OmzettingRowsOf(ReadRow ambulant)
    {
        if (_omzettingByLink is null)
        {
            _omzettingByLink = [];
            foreach (var r in _rows)
                if (!r.IsEmpty && !r.IsAmbulant && _ambulantLinks.Contains(r.LinkKey))
                    (_omzettingByLink.TryGetValue(r.LinkKey, out var list) ? list : _omzettingByLink[r.LinkKey] = []).Add(r);
        }
        return _omzettingByLink.GetValueOrDefault(ambulant.LinkKey) ?? [];
    }

    public bool HasAmbulantRow(ReadRow omzetting) => _ambulantLinks.Contains(omzetting.LinkKey);

    /// <summary>The end of the row's 2023 period (einddatum2023, or einddatum when that is empty), if it has one.</summary>
    public static DateOnly? End2023(ReadRow r, DateOnly newStart)
    {
        var end = r[Column.Einddatum2023].IsEmpty ? r.Einddatum : r.Einddatum2023;
        return end >= newStart ? end : null;
    }

    // Every 2023 period starts on the new start date today, but the sweep stays right for any start:
    // sorted by start, a period overlaps an earlier one if it starts before the furthest end so far,
    // and a later one if the next period starts before it ends.
    private void FindOverlaps(List<(ReadRow Row, DateOnly End)> group, DateOnly start)
    {
        var sorted = group.Select(g => (g.Row, Start: start, g.End)).OrderBy(g => g.Start).ThenBy(g => g.Row.Index).ToList();
        var furthest = -1;
        for (var i = 0; i < sorted.Count; i++)
        {
            var current = sorted[i];
            if (furthest >= 0 && current.Start <= sorted[furthest].End)
                _stapelingWith.TryAdd(current.Row.Index, sorted[furthest].Row);
            if (i + 1 < sorted.Count && sorted[i + 1].Start <= current.End)
                _stapelingWith.TryAdd(current.Row.Index, sorted[i + 1].Row);
            if (furthest < 0 || current.End > sorted[furthest].End) furthest = i;
        }
    }

    /// <summary>A key's first item, and all of them once a second one arrives: no list for the usual single item.</summary>
    private struct Group<T>
    {
        public T First;
        public List<T>? More;
    }

    private static void Add<TKey, T>(Dictionary<TKey, Group<T>> groups, TKey key, T item) where TKey : notnull
    {
        ref var group = ref CollectionsMarshal.GetValueRefOrAddDefault(groups, key, out var exists);
        if (!exists) group.First = item;
        else (group.More ??= [group.First]).Add(item);
    }
}
