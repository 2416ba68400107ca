using System.Globalization;

namespace MigratieAddin.Api;

/// <summary>One line of the conversion list (FORMAT.md "Conversion").</summary>
public sealed record OmzetRegel(
    string Gemeentecode, string AanbiederAgb, string Bsn, long Toewijzingnummer, string Soort, string Productcategorie, string Productcode,
    DateOnly? Ingangsdatum, DateOnly? Einddatum, long? Volume, string Eenheid, long? Frequentie, long? Budget, string RedenWijziging, int? Rij);

/// <summary>A row that is not converted, with the reason, so nothing silently disappears.</summary>
/// <summary>A row (or, with Rij null, a sent row that is gone, or a whole workbook) that is not converted: the rule codes
/// that stand in the way, and the reason as a Dutch sentence saying what to do.</summary>
public sealed record NietOmgezet(int? Rij, string? Toewijzingnummer, string Codes, string Reden)
{
    /// <summary>The CSV's one reden field for machines and people alike: the codes, then the sentence.</summary>
    public string CsvReden => Codes.Length == 0 ? Reden : $"{Codes}: {Reden}";
}

public sealed record Omzetlijst(IReadOnlyList<OmzetRegel> Regels, IReadOnlyList<NietOmgezet> NietOmgezet)
{
    public const string RedenContractwijziging = "03";

    /// <summary>The rows converted: each source row that gave at least one line.</summary>
    public int OmgezetteRijen => Regels.Select(r => r.Rij).Distinct().Count();

    /// <summary>The conversion list of a judged workbook (fase controle), never trusting its Status column: every row with status
    /// ok and every overleg row with a valid approval mark is converted. Null (refused) when the workbook's seal does not verify.</summary>
    public static Omzetlijst? Maak(Judgement judgement, Catalogus catalogus, Sealer sealer, CancellationToken ct = default)
    {
        var (report, seal, read, relations) = judgement;
        if (seal is { Ongeldig: true }) return null;
        var regio = catalogus.Regio;
        var regels = new List<OmzetRegel>();
        var niet = new List<NietOmgezet>();
        // A mark carried by two rows was copied: neither copy counts as approved.
        var copiedMarks = read.Select(MarkOf).Where(m => m.Length > 0).GroupBy(m => m, StringComparer.Ordinal)
            .Where(g => g.Count() > 1).Select(g => g.Key).ToHashSet(StringComparer.Ordinal);
        for (var i = 0; i < read.Count; i++)
        {
            if (i % 1000 == 999) ct.ThrowIfCancellationRequested(); // 50,000 rows take a while: the request timeout reaches here
            var row = read[i];
            var uitslag = report.Rijen[i];
            var marked = uitslag.Status == Status.Overleg && Akkoordcode.Approvable(uitslag.Meldingen) && seal?.WerkboekId is { } werkboekId
                && Akkoordcode.IsValid(sealer, MarkOf(row), werkboekId, row[Column.RegelId].AsText().Trim(), row.Row);
            var copied = marked && copiedMarks.Contains(MarkOf(row));
            if (uitslag.Status != Status.Ok && (!marked || copied))
            {
                var (codes, reden) = Reden(uitslag, copied, seal?.WerkboekId is null);
                niet.Add(new NietOmgezet(row.Row.Number, row.Toewijzingnummer?.ToString(CultureInfo.InvariantCulture), codes, reden));
                continue;
            }
            if (row.IsAmbulant)
            {
                var einde = row.Einddatum2023 ?? row.Einddatum ?? relations.OmzettingRowsOf(row).Select(r => r.Einddatum).FirstOrDefault(d => d is not null);
                regels.Add(new OmzetRegel(row.Gemeentecode!, row.Agb!, row.Bsn!, row.Toewijzingnummer!.Value, "nieuw", catalogus.Regio.CategorieAmbulant, "",
                    regio.IngangsdatumNieuw, einde, null, "", null, (long)decimal.Round(row.Budget!.Value * 100), "", row.Row.Number));
                continue;
            }
            var p2022 = row.Product2022!;
            var p2023 = row.Product2023!;
            regels.Add(new OmzetRegel(row.Gemeentecode!, row.Agb!, row.Bsn!, row.Toewijzingnummer!.Value, "beeindigen", p2022.Productcategorie, p2022.Productcode,
                row.Ingangsdatum, regio.Peildatum, (long)row.Volume!.Value, row.Eenheid!, row.Frequentie, null, RedenContractwijziging, row.Row.Number));
            var volume = row.Volume2023 ?? ExpectedVolume.Of(row, regio.IngangsdatumNieuw)!.Value.RoundedUp;
            regels.Add(new OmzetRegel(row.Gemeentecode!, row.Agb!, row.Bsn!, row.Toewijzingnummer!.Value, "nieuw", p2023.Productcategorie, p2023.Productcode,
                regio.IngangsdatumNieuw, row.Einddatum2023 ?? row.Einddatum, (long)volume, row.Eenheid!, row.Frequentie, null, "", row.Row.Number));
        }
        foreach (var nummer in seal?.Verwijderd ?? [])
            niet.Add(new NietOmgezet(null, nummer, "REGEL_VERWIJDERD",
                "De gemeente stuurde deze rij, maar in het teruggestuurde werkboek ontbreekt ze of is ze leeg. Vraag de aanbieder de rij terug te zetten."));
        return new Omzetlijst(regels, niet);
    }

    private static string MarkOf(ReadRow row) => row[Column.Akkoordcode].AsText().Trim();

    /// <summary>Why a row is not converted: the codes that stand in the way (worst first), and a Dutch sentence per severity
    /// with the rules' own texts (which never repeat a BSN, a name or a birth date), and what a copied mark means.</summary>
    private static (string Codes, string Reden) Reden(RijUitslag uitslag, bool copiedMark, bool unsealed)
    {
        IEnumerable<Melding> Of(Ernst ernst) => uitslag.Meldingen.Where(m => m.Ernst == ernst);
        string Texts(Ernst ernst) => string.Join(" ", Of(ernst).Select(m => m.Tekst.TrimEnd()).Distinct());
        var codes = string.Join(", ", new[] { Ernst.Fout, Ernst.Onvolledig, Ernst.Overleg }.SelectMany(e => Of(e).Select(m => m.Code)).Distinct());
        var zinnen = new List<string>();
        if (copiedMark)
            zinnen.Add("Deze rij draagt hetzelfde akkoord als een andere rij (een gekopieerde rij), dus telt het akkoord voor geen van beide. "
                + "Verwijder de kopie en geef zo nodig opnieuw akkoord.");
        if (Of(Ernst.Fout).Any()) zinnen.Add($"De rij heeft een fout; verbeter die eerst. {Texts(Ernst.Fout)}");
        if (Of(Ernst.Onvolledig).Any()) zinnen.Add($"De rij is niet volledig ingevuld. {Texts(Ernst.Onvolledig)}");
        if (Of(Ernst.Overleg).Any())
            zinnen.Add(copiedMark || Of(Ernst.Fout).Any() || Of(Ernst.Onvolledig).Any()
                ? $"Daarnaast vraagt de rij overleg. {Texts(Ernst.Overleg)}"
                : unsealed
                    ? $"De rij vraagt overleg, en een akkoord geldt alleen in het verzegelde werkboek dat de gemeente stuurde; dit werkboek heeft geen verzegeling. {Texts(Ernst.Overleg)}"
                    : $"De rij vraagt overleg en heeft geen (geldig) akkoord van de gemeente. {Texts(Ernst.Overleg)}");
        return (codes, string.Join(" ", zinnen));
    }

    /// <summary>The columns of the list: the key (FORMAT.md, the CSV's header for machines) and the Dutch header people read in the .xlsx.</summary>
    public static readonly IReadOnlyList<(string Key, string Kop)> Velden =
    [
        ("gemeentecode", "Gemeentecode"), ("aanbiederAgb", "AGB-code aanbieder"), ("bsn", "BSN jeugdige"), ("toewijzingnummer", "Toewijzingnummer"),
        ("soort", "Soort regel"), ("productcategorie", "Productcategorie"), ("productcode", "Productcode"), ("ingangsdatum", "Ingangsdatum"),
        ("einddatum", "Einddatum"), ("volume", "Volume"), ("eenheid", "Eenheid"), ("frequentie", "Frequentie"), ("budget", "Budget (eurocent)"),
        ("redenWijziging", "Reden wijziging"), ("rij", "Rij"), ("reden", "Reden"),
    ];

    public static readonly string[] Kolommen = Velden.Select(v => v.Key).ToArray();

    public byte[] Xlsx() => OmzetlijstBestand.Xlsx([new OmzetDeel(null, this)]);

    public string Csv() => OmzetlijstBestand.Csv([new OmzetDeel(null, this)]);
}
