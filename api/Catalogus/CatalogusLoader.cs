using System.Globalization;
using System.Text;
using System.Text.Json;

namespace MigratieAddin.Api;

/// <summary>A catalogue that cannot be used. Each error names the file, the line and what is wrong (in Dutch,
/// for the administrator who maintains the files).</summary>
public sealed class InvalidCatalogusException(IReadOnlyList<string> errors)
    : Exception("De catalogus is ongeldig en de API start niet:" + Environment.NewLine + string.Join(Environment.NewLine, errors.Select(f => "- " + f)))
{
    public IReadOnlyList<string> Errors { get; } = errors;
}

/// <summary>Loads the six catalogue files from a folder, or from the copy embedded in the API.</summary>
public static class CatalogusLoader
{
    public const string Regio = "regio.json";
    public const string Gemeenten = "gemeenten.csv";
    public const string Producten2022 = "producten-oud.csv";
    public const string Producten2023 = "producten-nieuw.csv";
    public const string Omzettingstabel = "omzettingstabel.csv";
    public const string Aanbieders = "aanbieders.csv";

    public static readonly IReadOnlyList<string> Files = [Regio, Gemeenten, Producten2022, Producten2023, Omzettingstabel, Aanbieders];

    public static Catalogus LoadEmbedded() => Load(name =>
    {
        var stream = typeof(CatalogusLoader).Assembly.GetManifestResourceStream("catalogus/" + name);
        return stream is null ? null : new StreamReader(stream, Encoding.UTF8);
    });

    public static Catalogus LoadFromFolder(string folder)
    {
        if (!Directory.Exists(folder))
            throw new InvalidCatalogusException([$"de map '{folder}' (instelling Catalogus:Map) bestaat niet"]);
        return Load(name =>
        {
            var path = Path.Combine(folder, name);
            return File.Exists(path) ? new StreamReader(path, Encoding.UTF8) : null;
        });
    }

    public static Catalogus Load(Func<string, TextReader?> open)
    {
        var errors = new List<string>();
        var regio = ReadRegio(open, errors);
        var gemeenten = ReadCsv(open, Gemeenten, ["cbscode", "naam"], errors,
            r => new Gemeente(Digits(r, "cbscode", 4), Required(r, "naam")));
        var p2022 = ReadCsv(open, Producten2022, ["productcategorie", "productcode", "omschrijving", "soort", "intensiteit", "eenheid", "combinatie_ambulant"], errors,
            r => new Product2022(Categorie(r), Required(r, "productcode"), r["omschrijving"], r["soort"], r["intensiteit"], Eenheid(r), JaNee(r, "combinatie_ambulant")));
        var p2023 = ReadCsv(open, Producten2023, ["productcategorie", "productcode", "omschrijving", "soort", "intensiteit", "eenheid", "tarief"], errors,
            r => new Product2023(Categorie(r), Required(r, "productcode"), r["omschrijving"], r["soort"], r["intensiteit"], Eenheid(r), Tarief(r)));
        var omzettingen = ReadCsv(open, Omzettingstabel, ["productcode_2022", "productcode_2023", "standaard"], errors,
            r => new Omzetting(Required(r, "productcode_2022"), Required(r, "productcode_2023"), JaNee(r, "standaard")));
        var aanbieders = ReadCsv(open, Aanbieders, ["agb", "naam", "email", "telefoon", "gegunde_producten"], errors,
            r => new Aanbieder(Digits(r, "agb", 8), Required(r, "naam"), r["email"], r["telefoon"],
                r["gegunde_producten"].Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)));

        Unique(gemeenten, Gemeenten, g => g.Cbscode, "CBS-code", errors);
        Unique(p2022, Producten2022, p => p.Productcode.ToUpperInvariant(), "productcode", errors);
        Unique(p2023, Producten2023, p => p.Productcode.ToUpperInvariant(), "productcode", errors);
        Unique(aanbieders, Aanbieders, a => a.Agb, "AGB-code", errors);
        Unique(omzettingen, Omzettingstabel, o => (o.Productcode2022 + " -> " + o.Productcode2023).ToUpperInvariant(), "omzetting", errors);
        CheckReferences(p2022, p2023, omzettingen, aanbieders, errors);

        if (errors.Count > 0 || regio is null) throw new InvalidCatalogusException(errors);
        return new Catalogus(regio, Values(gemeenten), Values(p2022), Values(p2023), Values(omzettingen), Values(aanbieders));
    }

    private sealed record Line<T>(int Number, T Value);

    private static List<T> Values<T>(List<Line<T>> lines) => lines.ConvertAll(l => l.Value);

    /// <summary>One CSV record, read by column name.</summary>
    private sealed class Fields(Dictionary<string, int> columns, string[] values)
    {
        public string this[string column] => values[columns[column]].Trim();
    }

    private sealed class FieldError(string message) : Exception(message);

    private static List<Line<T>> ReadCsv<T>(Func<string, TextReader?> open, string file, string[] required, List<string> errors, Func<Fields, T> create)
    {
        var result = new List<Line<T>>();
        using var reader = open(file);
        if (reader is null) { errors.Add($"{file}: het bestand ontbreekt"); return result; }
        Dictionary<string, int>? columns = null;
        var headerCount = 0;
        List<SemicolonCsv.Record> records;
        try { records = SemicolonCsv.Read(reader).ToList(); } // a catalogue file is small; a broken quote stops the file
        catch (CsvFormatException e) { errors.Add(Invariant($"{file}, regel {e.Line}: {e.Reason}")); return result; }
        foreach (var record in records)
        {
            if (columns is null)
            {
                columns = record.Fields.Select((name, i) => (name: Alias(name.Trim().ToLowerInvariant()), i))
                    .GroupBy(x => x.name).ToDictionary(g => g.Key, g => g.First().i);
                headerCount = record.Fields.Length;
                var missing = required.Where(k => !columns.ContainsKey(k)).ToList();
                if (missing.Count == 0) continue;
                errors.Add(Invariant($"{file}, regel {record.Line}: kolom {string.Join(", ", missing.Select(k => $"'{k}'"))} ontbreekt"));
                return result;
            }
            if (record.Fields.Length != headerCount)
            {
                errors.Add(Invariant($"{file}, regel {record.Line}: {record.Fields.Length} velden, verwacht {headerCount}"));
                continue;
            }
            try { result.Add(new Line<T>(record.Line, create(new Fields(columns, record.Fields)))); }
            catch (FieldError e) { errors.Add(Invariant($"{file}, regel {record.Line}: {e.Message}")); }
        }
        if (columns is null) errors.Add($"{file}: het bestand is leeg");
        return result;
    }

    /// <summary>Year-free column names a catalogue may use instead of the keys named after IJsselland's years.</summary>
    private static string Alias(string column) => column switch
    {
        "productcode_oud" => "productcode_2022",
        "productcode_nieuw" => "productcode_2023",
        _ => column,
    };

    private static string Required(Fields r, string column) =>
        r[column] is { Length: > 0 } value ? value : throw new FieldError($"'{column}' is leeg");

    private static string Digits(Fields r, string column, int length)
    {
        var value = r[column];
        return value.Length == length && value.All(char.IsAsciiDigit) ? value : throw new FieldError(Invariant($"'{column}' moet {length} cijfers zijn, niet '{value}'"));
    }

    private static string Categorie(Fields r)
    {
        var value = r["productcategorie"];
        return value.Length is >= 1 and <= 2 && value.All(char.IsAsciiDigit) ? value.PadLeft(2, '0') : throw new FieldError($"'productcategorie' moet 2 cijfers zijn, niet '{value}'");
    }

    private static string Eenheid(Fields r)
    {
        var value = r["eenheid"];
        return value.Length is >= 1 and <= 2 && value.All(char.IsAsciiDigit) ? value.PadLeft(2, '0') : throw new FieldError($"'eenheid' moet een iJw-code van 2 cijfers zijn, niet '{value}'");
    }

    private static bool JaNee(Fields r, string column) => r[column].ToLowerInvariant() switch
    {
        "ja" => true,
        "nee" => false,
        var value => throw new FieldError($"'{column}' moet ja of nee zijn, niet '{value}'"),
    };

    private static decimal Tarief(Fields r) =>
        decimal.TryParse(r["tarief"], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var t)
            ? t : throw new FieldError($"'tarief' moet een bedrag met een punt als decimaalteken zijn, niet '{r["tarief"]}'");

    private static void Unique<T>(List<Line<T>> lines, string file, Func<T, string> key, string what, List<string> errors)
    {
        var seen = new Dictionary<string, int>();
        foreach (var line in lines)
        {
            var k = key(line.Value);
            if (seen.TryGetValue(k, out var earlier)) errors.Add(Invariant($"{file}, regel {line.Number}: {what} {k} staat dubbel (ook op regel {earlier})"));
            else seen[k] = line.Number;
        }
    }

    private static void CheckReferences(List<Line<Product2022>> p2022, List<Line<Product2023>> p2023,
        List<Line<Omzetting>> omzettingen, List<Line<Aanbieder>> aanbieders, List<string> errors)
    {
        var codes2022 = p2022.Select(p => p.Value.Productcode).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var codes2023 = p2023.Select(p => p.Value.Productcode).ToHashSet(StringComparer.OrdinalIgnoreCase);
        foreach (var o in omzettingen)
        {
            if (!codes2022.Contains(o.Value.Productcode2022))
                errors.Add(Invariant($"{Omzettingstabel}, regel {o.Number}: omzetting van onbekende productcode_2022 '{o.Value.Productcode2022}' (niet in {Producten2022})"));
            if (!codes2023.Contains(o.Value.Productcode2023))
                errors.Add(Invariant($"{Omzettingstabel}, regel {o.Number}: omzetting naar onbekende productcode_2023 '{o.Value.Productcode2023}' (niet in {Producten2023})"));
        }
        foreach (var group in omzettingen.GroupBy(o => o.Value.Productcode2022, StringComparer.OrdinalIgnoreCase))
        {
            var standaard = group.Where(o => o.Value.Standaard).ToList();
            if (standaard.Count > 1)
                errors.Add(Invariant($"{Omzettingstabel}, regel {standaard[1].Number}: productcode_2022 '{group.Key}' heeft meer dan één standaardomzetting"));
        }
        foreach (var a in aanbieders)
            foreach (var code in a.Value.GegundeProducten.Where(c => !codes2023.Contains(c)))
                errors.Add(Invariant($"{Aanbieders}, regel {a.Number}: gegund product '{code}' staat niet in {Producten2023}"));
    }

    private sealed record RegioJson(string? Regio, string? Toelichting, string? Peildatum, string? IngangsdatumNieuw,
        string? CategorieAmbulant, decimal? VolumeTolerantie, List<StapJson>? Stappen, int? JaarOud, int? JaarNieuw, TekstenJson? Teksten);

    private sealed record TekstenJson(string? BriefInleiding, string? BriefUitgangspunt, string? BriefAfsluiting,
        string? ToelichtingInleiding, string? ToelichtingUitgangspunt);

    private sealed record StapJson(int Stap, string? Wie, string? Wat, string? Uiterlijk, string? Meting);

    private static readonly string[] Metingen = [Voortgang.Verstuurd, Voortgang.Teruggekomen, Voortgang.Omgezet];

    private static RegioSettings? ReadRegio(Func<string, TextReader?> open, List<string> errors)
    {
        using var reader = open(Regio);
        if (reader is null) { errors.Add($"{Regio}: het bestand ontbreekt"); return null; }
        var text = reader.ReadToEnd();
        RegioJson? json;
        try
        {
            json = JsonSerializer.Deserialize<RegioJson>(text, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        }
        catch (JsonException e)
        {
            errors.Add(Invariant($"{Regio}, regel {(e.LineNumber ?? 0) + 1}: geen geldige JSON of een waarde van het verkeerde type"));
            return null;
        }
        if (json is null) { errors.Add($"{Regio}: het bestand is leeg"); return null; }

        var before = errors.Count;
        string Text(string? value, string field)
        {
            if (string.IsNullOrWhiteSpace(value)) errors.Add(Invariant($"{Regio}, regel {LineOf(text, field, 1)}: '{field}' ontbreekt"));
            return value ?? "";
        }
        DateOnly Date(string? value, string field, int occurrence = 1)
        {
            if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) return d;
            errors.Add(Invariant($"{Regio}, regel {LineOf(text, field, occurrence)}: '{field}' is geen datum (jjjj-mm-dd)"));
            return default;
        }

        var stappen = new List<Stap>();
        var n = 0;
        foreach (var s in json.Stappen ?? [])
        {
            n++;
            if (s.Meting is { } meting && !Metingen.Contains(meting))
                errors.Add(Invariant($"{Regio}, regel {LineOf(text, "meting", n)}: 'meting' moet {string.Join(", ", Metingen)} zijn of ontbreken"));
            stappen.Add(new Stap(s.Stap, s.Wie ?? "", s.Wat ?? "", s.Uiterlijk is null ? null : Date(s.Uiterlijk, "uiterlijk", n), s.Meting));
        }
        var settings = new RegioSettings(
            Text(json.Regio, "regio"), json.Toelichting ?? "",
            Date(json.Peildatum, "peildatum"), Date(json.IngangsdatumNieuw, "ingangsdatumNieuw"),
            Text(json.CategorieAmbulant, "categorieAmbulant"), json.VolumeTolerantie ?? 0.10m, stappen);
        settings = settings with
        {
            JaarOud = json.JaarOud ?? settings.Peildatum.Year,
            JaarNieuw = json.JaarNieuw ?? settings.IngangsdatumNieuw.Year,
            Teksten = Teksten(json.Teksten),
        };
        if (errors.Count == before && settings.JaarNieuw <= settings.JaarOud)
            errors.Add(Invariant($"{Regio}, regel {LineOf(text, "jaarNieuw", 1)}: 'jaarNieuw' moet na 'jaarOud' liggen"));
        if (errors.Count == before && settings.IngangsdatumNieuw <= settings.Peildatum)
            errors.Add(Invariant($"{Regio}, regel {LineOf(text, "ingangsdatumNieuw", 1)}: 'ingangsdatumNieuw' moet na 'peildatum' liggen"));
        if (settings.VolumeTolerantie is < 0 or > 1)
            errors.Add(Invariant($"{Regio}, regel {LineOf(text, "volumeTolerantie", 1)}: 'volumeTolerantie' moet tussen 0 en 1 liggen"));
        if (!long.TryParse(settings.CategorieAmbulant, System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out _))
            errors.Add(Invariant($"{Regio}, regel {LineOf(text, "categorieAmbulant", 1)}: 'categorieAmbulant' moet een getal zijn"));
        return errors.Count == before ? settings : null;
    }

    private static RegioTeksten Teksten(TekstenJson? json)
    {
        var standaard = new RegioTeksten();
        if (json is null) return standaard;
        static string Of(string? given, string fallback) => string.IsNullOrWhiteSpace(given) ? fallback : given.Trim();
        return new RegioTeksten
        {
            BriefInleiding = Of(json.BriefInleiding, standaard.BriefInleiding),
            BriefUitgangspunt = Of(json.BriefUitgangspunt, standaard.BriefUitgangspunt),
            BriefAfsluiting = Of(json.BriefAfsluiting, standaard.BriefAfsluiting),
            ToelichtingInleiding = Of(json.ToelichtingInleiding, standaard.ToelichtingInleiding),
            ToelichtingUitgangspunt = Of(json.ToelichtingUitgangspunt, standaard.ToelichtingUitgangspunt),
        };
    }

    /// <summary>The line of the n-th occurrence of a JSON property, so a message can point at it.</summary>
    private static int LineOf(string text, string field, int occurrence)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
            if (lines[i].Contains($"\"{field}\"", StringComparison.Ordinal) && --occurrence == 0) return i + 1;
        return 1;
    }
}
