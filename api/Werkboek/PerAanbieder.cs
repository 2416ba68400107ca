using System.Globalization;
using System.IO.Compression;
using System.Text;
using MimeKit;

namespace MigratieAddin.Api;

/// <summary>One workbook and mail draft: the rows of one gemeente for one gegunde aanbieder.</summary>
public sealed record Zending(string Gemeentecode, string Gemeente, string Agb, string Aanbieder, string Email, int Rijen, string Werkboek, string Concept)
{
    internal IReadOnlyList<Row> Rows { get; init; } = [];
}

/// <summary>A row that is not sent, with the reasons; never its BSN or name.</summary>
public sealed record NietVerzonden(int? Rij, string? Gemeentecode, string? Agb, long? Toewijzingnummer, IReadOnlyList<string> Redenen)
{
    /// <summary>The meldingen behind <see cref="Redenen"/>, for the verzendoverzicht's code and reason columns.</summary>
    internal IReadOnlyList<Melding> Meldingen { get; init; } = [];
}

public sealed record Verzendoverzicht(IReadOnlyList<Zending> Zendingen, IReadOnlyList<NietVerzonden> NietVerzonden);

/// <summary>Splits the gemeente's rows per gemeente and gegunde aanbieder, leaves out (and lists) the rows that cannot
/// be sent, and packs a workbook and a ready mail draft per aanbieder into one zip.</summary>
public static class PerAanbieder
{
    public const string Overzicht = "verzendoverzicht.csv";

    public static Verzendoverzicht Plan(IReadOnlyList<Row> rows, Catalogus catalogus, Validator validator, CancellationToken ct = default)
    {
        var judgement = validator.Judge(rows, Fase.Gemeente, ct: ct);
        var groups = new Dictionary<(string Gemeente, string Agb), List<Row>>();
        var nietVerzonden = new List<NietVerzonden>();
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row.IsEmpty) continue;
            var read = judgement.Rows[i];
            var fouten = judgement.Beoordeling.Rijen[i].Meldingen.Where(m => m.Ernst == Ernst.Fout).ToList();
            if (fouten.Count > 0 || read.Gemeentecode is null || read.Aanbieder is null)
            {
                nietVerzonden.Add(new NietVerzonden(row.Number, read.Gemeentecode, read.Agb, read.Toewijzingnummer,
                    fouten.Select(f => $"{f.Code}: {f.Tekst}").ToList())
                { Meldingen = fouten });
                continue;
            }
            var key = (read.Gemeentecode, read.Aanbieder.Agb);
            if (!groups.TryGetValue(key, out var group)) groups[key] = group = [];
            group.Add(row);
        }
        var zendingen = groups.Select(g =>
        {
            var gemeente = catalogus.Gemeente(g.Key.Gemeente)!;
            var aanbieder = catalogus.Aanbieder(g.Key.Agb)!;
            var bestand = $"{SafeName(gemeente.Naam)}/{SafeName(aanbieder.Naam)} {aanbieder.Agb}";
            return new Zending(gemeente.Cbscode, gemeente.Naam, aanbieder.Agb, aanbieder.Naam, aanbieder.Email, g.Value.Count,
                bestand + ".xlsx", bestand + ".eml")
            { Rows = g.Value };
        }).OrderBy(z => z.Gemeente).ThenBy(z => z.Aanbieder).ToList();
        return new Verzendoverzicht(zendingen, nietVerzonden);
    }

    /// <summary>Writes the zip and returns the seal id of each workbook in it (for the voortgang).</summary>
    public static IReadOnlyList<(string WerkboekId, Zending Zending)> WriteZip(Stream output, Verzendoverzicht plan, Catalogus catalogus,
        IReadOnlyList<Contactpersoon> contactpersonen, Sealer sealer, CancellationToken ct = default)
    {
        var sealed_ = new List<(string, Zending)>();
        using var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true);
        foreach (var zending in plan.Zendingen)
        {
            ct.ThrowIfCancellationRequested();
            // Sending is the moment of sealing: every row gets a Regel-ID and the workbook a seal.
            var werkboekId = Sealer.NewId();
            sealed_.Add((werkboekId, zending));
            var rows = zending.Rows.Select((r, n) =>
            {
                var copy = new Row(r.Number, (Cell[])r.Cells.Clone());
                copy[Column.RegelId] = Cell.FromText(Seal.RegelId(werkboekId, n + 1));
                return copy;
            }).ToList();
            using var workbook = new MemoryStream();
            FormatWorkbook.Write(workbook, rows, catalogus, contactpersonen, zending.Gemeente, Seal.Of(werkboekId, rows, sealer).Lines(), ct);
            var bytes = workbook.ToArray();
            Add(zip, zending.Werkboek, bytes, CompressionLevel.NoCompression); // an .xlsx is a zip already
            Add(zip, zending.Concept, MailDraft(zending, bytes, catalogus, contactpersonen), CompressionLevel.Fastest);
        }
        Add(zip, Overzicht, Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(OverzichtCsv(plan, catalogus))).ToArray(), CompressionLevel.Fastest);
        return sealed_;
    }

    /// <summary>An unsent e-mail (X-Unsent: 1 makes Outlook open it as a draft) with the letter and the workbook attached.</summary>
    private static byte[] MailDraft(Zending zending, byte[] workbook, Catalogus catalogus, IReadOnlyList<Contactpersoon> contactpersonen)
    {
        var gemeente = catalogus.Gemeente(zending.Gemeentecode)!;
        var aanbieder = catalogus.Aanbieder(zending.Agb)!;
        var message = new MimeMessage();
        if (contactpersonen.Select(c => (c.VolledigeNaam, Adres: Contactpersoon.Address(c.Email))).FirstOrDefault(c => c.Adres is not null) is { Adres: { } adres } afzender)
            message.From.Add(new MailboxAddress(afzender.VolledigeNaam, adres));
        message.To.Add(new MailboxAddress(aanbieder.Naam, aanbieder.Email));
        message.Subject = Begeleidingsbrief.Onderwerp(gemeente, catalogus.Regio);
        message.Headers.Add("X-Unsent", "1");
        var body = new BodyBuilder
        {
            TextBody = Begeleidingsbrief.Tekst(gemeente, aanbieder, catalogus.Regio, contactpersonen, zending.Rijen,
            combinatieAmbulant: zending.Rows.Any(r => ValueReader.Productcode(r[Column.Productcode2022]) is { } code && catalogus.Product2022(code)?.CombinatieAmbulant == true))
        };
        body.Attachments.Add(Path.GetFileName(zending.Werkboek), workbook,
            ContentType.Parse("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"));
        message.Body = body.ToMessageBody();
        using var stream = new MemoryStream();
        message.WriteTo(new MimeKit.FormatOptions { NewLineFormat = NewLineFormat.Dos }, stream); // RFC 5322: CRLF, whatever the server's platform
        return stream.ToArray();
    }

    /// <summary>The columns of verzendoverzicht.csv: one table, a line per sent workbook and a line per reason a row stays behind.</summary>
    public static readonly string[] OverzichtKolommen =
        ["Verzonden", "Gemeentecode", "Gemeente", "AGB-code", "Aanbieder", "E-mail", "Aantal rijen", "Werkboek", "Concept-e-mail", "Rij", "Toewijzingnummer", "Code", "Reden"];

    /// <summary>verzendoverzicht.csv: what was sent to whom, and every row that was not, with each reason as a Dutch sentence
    /// and its rule code in a column of its own.</summary>
    internal static string OverzichtCsv(Verzendoverzicht plan, Catalogus catalogus)
    {
        var b = new StringBuilder();
        void Line(params string?[] fields) => b.AppendLine(string.Join(';', fields.Select(CsvText.Field)));
        static string? N(long? n) => n?.ToString(CultureInfo.InvariantCulture);
        Line(OverzichtKolommen);
        foreach (var z in plan.Zendingen)
            Line("ja", z.Gemeentecode, z.Gemeente, z.Agb, z.Aanbieder, z.Email, N(z.Rijen), z.Werkboek, z.Concept, null, null, null, null);
        foreach (var n in plan.NietVerzonden)
        {
            var gemeente = n.Gemeentecode is { } code ? catalogus.Gemeente(code)?.Naam : null;
            var aanbieder = n.Agb is { } agb ? catalogus.Aanbieder(agb)?.Naam : null;
            IEnumerable<(string? Code, string? Tekst)> redenen = n.Meldingen.Count > 0
                ? n.Meldingen.Select(m => ((string?)m.Code, (string?)m.Tekst))
                : [(null, "De gemeente of de aanbieder van deze rij is onbekend.")];
            foreach (var (regel, tekst) in redenen)
                Line("nee", n.Gemeentecode, gemeente, n.Agb, aanbieder, null, null, null, null, N(n.Rij), N(n.Toewijzingnummer), regel, tekst);
        }
        return b.ToString();
    }

    /// <summary>A file or folder name that every zip tool and file system accepts.</summary>
    public static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars().Concat(['/', '\\', ':', '*', '?', '"', '<', '>', '|']).ToHashSet();
        var safe = new string(name.Trim().Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim('.', ' ');
        return safe.Length == 0 ? "_" : safe.Length > 60 ? safe[..60] : safe;
    }

    private static void Add(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        using var entry = zip.CreateEntry(name, level).Open();
        entry.Write(content);
    }
}
