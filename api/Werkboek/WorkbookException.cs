namespace MigratieAddin.Api;

/// <summary>An uploaded workbook that cannot be read as sent. Each reason has a named factory with the Dutch text that says
/// what to fix; the /api endpoint filter turns it into a problem+json.</summary>
public sealed class WorkbookException : Exception
{
    /// <summary>Excel's own limit on the characters in one cell.</summary>
    public const int MaxTekensPerCel = 32_767;

    private WorkbookException(string detail, int status = StatusCodes.Status400BadRequest) : base(detail) => Status = status;

    public int Status { get; }

    public static WorkbookException NotAWorkbook() =>
        new("Dit bestand is geen Excel-werkboek (.xlsx) of het is beschadigd. Sla het op als Excel-werkmap (.xlsx) en probeer het opnieuw.");

    public static WorkbookException TooBig() =>
        new("Dit werkboek pakt uit tot meer dan de API verwerkt (of is zo gemaakt dat het dat doet). Sla het opnieuw op in Excel, zonder extra tabbladen of afbeeldingen.");

    public static WorkbookException TooDeep(int maxDepth) =>
        new(Invariant($"Een onderdeel van dit werkboek is dieper genest dan {maxDepth} niveaus; zo schrijft Excel geen werkboek. Sla het werkboek opnieuw op in Excel en probeer het nog eens."));

    public static WorkbookException Damaged() =>
        new("Een onderdeel van dit werkboek is beschadigd of bevat iets wat een werkboek niet hoort te bevatten. Sla het werkboek opnieuw op in Excel en probeer het nog eens.");

    public static WorkbookException SheetDamaged(string sheet) =>
        new($"Het tabblad {sheet} is beschadigd en kan niet worden gelezen. Sla het werkboek opnieuw op in Excel en probeer het nog eens.");

    public static WorkbookException MissingSheet(string sheet) =>
        new($"Het werkboek heeft geen tabblad '{sheet}'. Gebruik het werkboek van het format, of zet de rijen op een tabblad met die naam.");

    public static WorkbookException DuplicateSheet(string sheet) =>
        new($"Het werkboek heeft meer dan één tabblad dat '{sheet}' heet (hoofdletters en spaties aan het begin of eind tellen niet mee), "
            + "ook als er een verborgen is. Laat er één zichtbaar tabblad met die naam over, zodat duidelijk is welke rijen gelden.");

    public static WorkbookException HiddenSheet(string sheet) =>
        new($"Het tabblad '{sheet}' is verborgen. De API leest alleen het tabblad dat u ziet: maak het zichtbaar, of gebruik het werkboek dat de gemeente stuurde.");

    public static WorkbookException NotAWorksheet(string sheet) =>
        new($"Het tabblad '{sheet}' is geen werkblad met cellen (bijvoorbeeld een grafiekblad). Zet de rijen op een gewoon werkblad met die naam.");

    public static WorkbookException MissingHeaders(string sheet, IReadOnlyList<string> headers) =>
        new($"Op het tabblad {sheet} {(headers.Count == 1 ? "ontbreekt de kolom" : "ontbreken de kolommen")} {string.Join(", ", headers.Select(h => $"'{h}'"))} in rij 1. "
            + "Zet de koppen van het format terug (de volgorde maakt niet uit).");

    public static WorkbookException TooManyRows(string sheet, int max) =>
        new($"Het tabblad {sheet} heeft meer dan {Dutch.Getal(max)} rijen. Splits het werkboek.", StatusCodes.Status413PayloadTooLarge);

    public static WorkbookException RowOutOfOrder(string sheet, int number) =>
        new(Invariant($"Op het tabblad {sheet} staat rij {number} twee keer, of niet op volgorde. Excel schrijft elke rij één keer en op volgorde, ")
            + "en zou dit werkboek bij het openen herstellen; welke rij dan geldt, is niet zeker. Sla het werkboek opnieuw op in Excel en probeer het nog eens.");

    public static WorkbookException TooManyCells(string sheet, int max) =>
        new($"Het tabblad {sheet} heeft meer dan {Dutch.Getal(max)} gevulde cellen. Verwijder kolommen en rijen die niet bij het format horen, of splits het werkboek.");

    public static WorkbookException CellTooLong(string sheet, string reference) =>
        new($"Cel {reference} op het tabblad {sheet} bevat meer dan {Dutch.Getal(MaxTekensPerCel)} tekens, meer dan een cel in Excel kan bevatten. Maak de cel korter.");

    public static WorkbookException TooManySharedStrings(int max) =>
        new($"De tabel met gedeelde teksten (shared strings) van dit werkboek heeft meer dan {Dutch.Getal(max)} gedeelde teksten. "
            + "Sla het werkboek opnieuw op in Excel, zonder tabbladen die niet bij het format horen.");

    public static WorkbookException SharedStringTooLong() =>
        new($"Een gedeelde tekst (shared string) in dit werkboek heeft meer dan {Dutch.Getal(MaxTekensPerCel)} tekens, meer dan een cel in Excel kan bevatten. "
            + "Sla het werkboek opnieuw op in Excel en probeer het nog eens.");
}
