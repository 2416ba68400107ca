namespace MigratieAddin.Api;

[Flags]
public enum RowKind { Omzetting = 1, Ambulant = 2, Beide = Omzetting | Ambulant }

/// <summary>One rule of FORMAT.md: its code, severity, colour (yellow rules are skipped in fase
/// gemeente) and the kinds of row it runs on. A rule is a pure function of row, context and catalogue.</summary>
public abstract class Rule(string code, Ernst ernst, Colour colour, RowKind rowKind = RowKind.Omzetting)
{
    public string Code { get; } = code;
    public Ernst Ernst { get; } = ernst;
    public Colour Colour { get; } = colour;
    public RowKind RowKind { get; } = rowKind;

    /// <summary>Rules that only echo an unusable productcode2022 (empty, unknown or GGZ) say true.</summary>
    public virtual bool NeedsUsableProduct2022 => false;

    public abstract void Check(ReadRow row, RuleContext ctx, RijMeldingen meldingen);
}

/// <summary>What the rules may know besides the row: the catalogue, the fase and the other rows.</summary>
public sealed class RuleContext(Catalogus catalogus, Fase fase, RowRelations relations)
{
    public Catalogus Catalogus { get; } = catalogus;
    public Fase Fase { get; } = fase;
    public RowRelations Relations { get; } = relations;
    public DateOnly Peildatum => Catalogus.Regio.Peildatum;
    public DateOnly NewStart => Catalogus.Regio.IngangsdatumNieuw;

    /// <summary>The old and new contract years as people read them in headers and messages.</summary>
    public string Oud => Catalogus.Regio.Oud;
    public string Nieuw => Catalogus.Regio.Nieuw;

    public string Header(Column column) => column.Header(Catalogus.Regio);

    /// <summary>The wording for whoever reads the message: the aanbieder in fase aanbieder, the gemeente otherwise
    /// (fase gemeente before sending, fase controle when the workbook comes back).</summary>
    public string Voor(string aanbieder, string gemeente) => Fase == Fase.Aanbieder ? aanbieder : gemeente;

    /// <summary>The closing sentence of an overleg melding: the aanbieder consults the gemeente first; the gemeente
    /// consults the aanbieder and approves.</summary>
    public string OverlegZin(string wat) => Voor(
        $"{wat} vraagt vooraf overleg met de gemeente.",
        $"{wat} vraagt overleg met de aanbieder; geef akkoord als u het ermee eens bent.");
}

/// <summary>Collects one row's meldingen: a cell keeps the first melding it gets, so running the
/// rules in table order gives every cell the first rule that applies to it.</summary>
public sealed class RijMeldingen
{
    private readonly List<Melding> _meldingen = [];
    private long _taken;

    public bool IsTaken(Column column) => (_taken & (1L << (int)column)) != 0;

    public void Report(Rule rule, Column column, string text) => Report(rule.Code, rule.Ernst, column, text);

    /// <summary>A melding on a cell (taken by the first), or on the whole row when <paramref name="column"/> is null.</summary>
    public void Report(string code, Ernst ernst, Column? column, string text)
    {
        if (column is { } c)
        {
            if (IsTaken(c)) return;
            _taken |= 1L << (int)c;
        }
        _meldingen.Add(new Melding(code, ernst, column?.Key(), text));
    }

    /// <summary>A melding made elsewhere (the returned-workbook rules), on its cell if that is not taken yet.</summary>
    public void Report(Melding melding)
    {
        if (melding.Kolom is { } key && Columns.TryFromKey(key, out var c))
        {
            if (IsTaken(c)) return;
            _taken |= 1L << (int)c;
        }
        _meldingen.Add(melding);
    }

    /// <summary>Hands out this row's meldingen and starts over for the next row.</summary>
    public Melding[] TakeAll()
    {
        var all = _meldingen.Count == 0 ? [] : _meldingen.ToArray();
        _meldingen.Clear();
        _taken = 0;
        return all;
    }
}
