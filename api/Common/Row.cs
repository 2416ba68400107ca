namespace MigratieAddin.Api;

/// <summary>One row as the client sends it: its Excel row number and its cells by column.</summary>
public sealed class Row
{
    public Row(int? number, Cell[]? cells = null)
    {
        Number = number;
        Cells = cells ?? new Cell[Columns.Count];
    }

    public int? Number { get; }
    public Cell[] Cells { get; }

    public Cell this[Column column]
    {
        get => Cells[(int)column];
        set => Cells[(int)column] = value;
    }

    /// <summary>A row without any value in the blue and yellow columns.</summary>
    public bool IsEmpty
    {
        get
        {
            foreach (var column in Columns.Input)
                if (!Cells[(int)column].IsEmpty) return false;
            return true;
        }
    }
}
