using System.Runtime.InteropServices;

namespace MigratieAddin.Api;

/// <summary>What the rules that compare rows need to know about the whole request, built once
/// per request so that each row's check stays a lookup.</summary>
public sealed class RowRelations
{
    private readonly Dictionary<int, ReadRow> _sameToewijzing = [];
    private readonly Dictionary<int, ReadRow> _stapelingWith = [];
    private readonly HashSet<LinkKey> _ambulantLinks = [];
    private readonly Dictionary<LinkKey, List<ReadRow>> _omzettingByLink = [];

    public RowRelations(IReadOnlyList<ReadRow> rows, DateOnly newStart)
    {
        // Rows are grouped by sorting numeric keys rather than in dictionaries keyed by text: two arrays of numbers per
        // request instead of tens of thousands of dictionary entries, which the garbage collector would have to copy.
        var toewijzingen = new KeyedRows(rows.Count);
        var jeugdigen = new KeyedRows(rows.Count);
        foreach (var r in rows)
        {
            if (r.IsEmpty) continue;
            if (r.IsAmbulant) { _ambulantLinks.Add(r.LinkKey); continue; }

            // Only rows whose keys are valid are compared; a row with an invalid key gets that key's own message instead.
            if (r is { GemeenteInRegio: true, ToewijzingKey: { } toewijzing }) toewijzingen.Add(toewijzing, r.Index);
            if (r is { Product2022Usable: true, Product2023: not null, BsnValid: true, JeugdigeKey: { } jeugdige } && End2023(r, newStart) is not null)
                jeugdigen.Add(jeugdige, r.Index);
        }
        foreach (var same in toewijzingen.Groups())
            foreach (var i in same) _sameToewijzing[i] = rows[i == same[0] ? same[1] : same[0]];
        foreach (var sameJeugdige in jeugdigen.Groups())
            foreach (var product in sameJeugdige.GroupBy(i => rows[i].Product2023!.Productcode, StringComparer.Ordinal))
                if (product.Skip(1).Any())
                    FindOverlaps([.. product.Select(i => (rows[i], End2023(rows[i], newStart)!.Value))], newStart);
        // Built here, not on first use: the rules read the relations from several threads at once.
        if (_ambulantLinks.Count == 0) return;
        _omzettingByLink.EnsureCapacity(_ambulantLinks.Count);
        foreach (var r in rows)
        {
            if (r.IsEmpty || r.IsAmbulant) continue;
            var key = r.LinkKey;
            if (!_ambulantLinks.Contains(key)) continue;
            ref var list = ref CollectionsMarshal.GetValueRefOrAddDefault(_omzettingByLink, key, out _);
            (list ??= new List<ReadRow>(1)).Add(r);
        }
    }

    /// <summary>Another omzetting row with the same gemeentecode and toewijzingnummer, if there is one.</summary>
    public ReadRow? SameToewijzing(ReadRow row) => _sameToewijzing.GetValueOrDefault(row.Index);

    /// <summary>An omzetting row whose 2023 period overlaps this row's, for the same jeugdige, aanbieder and product.</summary>
    public ReadRow? StapelingWith(ReadRow row) => _stapelingWith.GetValueOrDefault(row.Index);

    /// <summary>The omzetting rows an ambulant row belongs to.</summary>
    public IReadOnlyList<ReadRow> OmzettingRowsOf(ReadRow ambulant) => _omzettingByLink.GetValueOrDefault(ambulant.LinkKey) ?? [];

    public bool HasAmbulantRow(ReadRow omzetting) => _ambulantLinks.Count > 0 && _ambulantLinks.Contains(omzetting.LinkKey);

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

    /// <summary>Row indices with a numeric key, to find the rows that share a key by sorting.</summary>
    private sealed class KeyedRows(int capacity)
    {
        private readonly long[] _keys = new long[capacity];
        private readonly int[] _indices = new int[capacity];
        private int _count;

        public void Add(long key, int index)
        {
            _keys[_count] = key;
            _indices[_count++] = index;
        }

        /// <summary>Each key held by more than one row: its rows' indices in request order.</summary>
        public IEnumerable<int[]> Groups()
        {
            Array.Sort(_keys, _indices, 0, _count);
            for (int start = 0, end; start < _count; start = end)
            {
                for (end = start + 1; end < _count && _keys[end] == _keys[start]; end++) { }
                if (end - start < 2) continue;
                var group = _indices[start..end];
                Array.Sort(group);
                yield return group;
            }
        }
    }
}
