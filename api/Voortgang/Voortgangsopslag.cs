using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace MigratieAddin.Api;

/// <summary>Where the voortgang lives (section Voortgang and ConnectionStrings:Voortgang).</summary>
public sealed class VoortgangOptions
{
    /// <summary>The SQLite file, used when no PostgreSQL connection string is set. Empty: the default location
    /// (the user's local application data folder, MigratieAddin/voortgang.db).</summary>
    public string Bestand { get; set; } = "";

    /// <summary>How many days records are kept; older ones are removed by the API itself.</summary>
    public int BewaarDagen { get; set; } = 180;

    public static string StandaardBestand() => Path.Combine(
        Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
        "MigratieAddin", "voortgang.db");
}

// What is recorded: organisation codes, ids, counts and times. No type here can hold a BSN, name, birth date or row value.
public sealed record WerkboekGemaakt(string WerkboekId, string Gemeente, string Aanbieder, int Rijen, DateTimeOffset Moment);

public sealed record ControleGedaan(string WerkboekId, string Gemeente, string Aanbieder, DateTimeOffset Moment, Telling Telling,
    bool VerzegelingGeldig, int Gewijzigd, int Verwijderd, int Toegevoegd);

public sealed record AkkoordGegeven(string WerkboekId, DateTimeOffset Moment);

public sealed record OmzettingGedaan(string WerkboekId, string Gemeente, string Aanbieder, DateTimeOffset Moment, int Omgezet, int NietOmgezet);

/// <summary>Everything recorded about one workbook, for the overview.</summary>
public sealed record WerkboekVoortgang(string WerkboekId, string Gemeente, string Aanbieder, int Rijen, DateTimeOffset? Gemaakt,
    ControleGedaan? LaatsteControle, int Akkoorden, OmzettingGedaan? LaatsteOmzetting);

/// <summary>The voortgang store: a thin layer over ADO.NET with one set of SQL statements that SQLite and PostgreSQL
/// both run as written (text, integer and bigint columns, times as Unix milliseconds, ON CONFLICT upserts), so there is
/// one code path for both. The schema is created and migrated at start from the numbered steps in <see cref="Schema"/>.</summary>
public sealed class Voortgangsopslag
{
    private readonly Func<DbConnection> _connect;

    public string Soort { get; }

    private Voortgangsopslag(Func<DbConnection> connect, string soort)
    {
        _connect = connect;
        Soort = soort;
    }

    public static Voortgangsopslag Sqlite(string path)
    {
        var full = Path.GetFullPath(path);
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new InvalidOperationException($"De map voor de voortgangsdatabase ({Path.GetDirectoryName(full)}) kan niet worden gemaakt. "
                + "Zet Voortgang:Bestand op een schrijfbare plek (in een container: een volume), of ConnectionStrings:Voortgang voor PostgreSQL.", e);
        }
        var cs = new SqliteConnectionStringBuilder { DataSource = full, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = true, DefaultTimeout = 30 }.ToString();
        return new Voortgangsopslag(() => new SqliteConnection(cs), "SQLite");
    }

    public static Voortgangsopslag Postgres(string connectionString)
    {
        var source = NpgsqlDataSource.Create(connectionString);
        return new Voortgangsopslag(source.CreateConnection, "PostgreSQL");
    }

    /// <summary>The schema, step by step. A step is never changed once shipped: a change is a new step.</summary>
    private static readonly string[] Schema =
    [
        """
        CREATE TABLE IF NOT EXISTS werkboek (id TEXT PRIMARY KEY, gemeente TEXT NOT NULL, aanbieder TEXT NOT NULL, rijen INTEGER NOT NULL, gemaakt BIGINT NOT NULL);
        CREATE TABLE IF NOT EXISTS controle (werkboek TEXT NOT NULL, gemeente TEXT NOT NULL, aanbieder TEXT NOT NULL, moment BIGINT NOT NULL,
            ok INTEGER NOT NULL, onvolledig INTEGER NOT NULL, overleg INTEGER NOT NULL, fout INTEGER NOT NULL,
            verzegeling_geldig INTEGER NOT NULL, gewijzigd INTEGER NOT NULL, verwijderd INTEGER NOT NULL, toegevoegd INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS controle_werkboek ON controle (werkboek, moment);
        CREATE TABLE IF NOT EXISTS akkoord (werkboek TEXT NOT NULL, moment BIGINT NOT NULL);
        CREATE INDEX IF NOT EXISTS akkoord_werkboek ON akkoord (werkboek);
        CREATE TABLE IF NOT EXISTS omzetting (werkboek TEXT NOT NULL, gemeente TEXT NOT NULL, aanbieder TEXT NOT NULL, moment BIGINT NOT NULL,
            omgezet INTEGER NOT NULL, niet_omgezet INTEGER NOT NULL);
        CREATE INDEX IF NOT EXISTS omzetting_werkboek ON omzetting (werkboek, moment);
        """,
        // 2: the overview of one gemeente or one aanbieder is read by its scope.
        """
        CREATE INDEX IF NOT EXISTS werkboek_gemeente ON werkboek (gemeente, aanbieder);
        CREATE INDEX IF NOT EXISTS werkboek_aanbieder ON werkboek (aanbieder);
        CREATE INDEX IF NOT EXISTS controle_gemeente ON controle (gemeente, aanbieder);
        CREATE INDEX IF NOT EXISTS controle_aanbieder ON controle (aanbieder);
        CREATE INDEX IF NOT EXISTS omzetting_gemeente ON omzetting (gemeente, aanbieder);
        CREATE INDEX IF NOT EXISTS omzetting_aanbieder ON omzetting (aanbieder);
        """,
    ];

    /// <summary>Creates the tables and applies every schema step not yet applied; safe to run from several instances at once.</summary>
    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        if (Soort == "SQLite") await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", ct);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS schema_versie (versie INTEGER PRIMARY KEY, toegepast BIGINT NOT NULL);", ct);
        for (var step = 1; step <= Schema.Length; step++)
        {
            await using var transaction = await connection.BeginTransactionAsync(ct);
            await using (var check = Command(connection, "SELECT COUNT(*) FROM schema_versie WHERE versie = @v", ("v", step)))
            {
                check.Transaction = transaction;
                if (Convert.ToInt64(await check.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0) continue;
            }
            foreach (var statement in Schema[step - 1].Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                await using var command = Command(connection, statement);
                command.Transaction = transaction;
                await command.ExecuteNonQueryAsync(ct);
            }
            await using (var mark = Command(connection, "INSERT INTO schema_versie (versie, toegepast) VALUES (@v, @t) ON CONFLICT (versie) DO NOTHING",
                ("v", step), ("t", DateTimeOffset.UtcNow.ToUnixTimeMilliseconds())))
            {
                mark.Transaction = transaction;
                await mark.ExecuteNonQueryAsync(ct);
            }
            await transaction.CommitAsync(ct);
        }
    }

    public async Task<bool> ReachableAsync(CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, "SELECT COUNT(*) FROM schema_versie");
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) >= Schema.Length;
    }

    public async Task<bool> BekendAsync(string werkboekId, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, "SELECT COUNT(*) FROM werkboek WHERE id = @id", ("id", werkboekId));
        return Convert.ToInt64(await command.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture) > 0;
    }

    public Task BewaarAsync(WerkboekGemaakt w, CancellationToken ct) => RunAllAsync([Insert(w)], ct);
    public Task BewaarAsync(ControleGedaan c, CancellationToken ct) => RunAllAsync([Insert(c)], ct);
    public Task BewaarAsync(AkkoordGegeven a, CancellationToken ct) => RunAllAsync([Insert(a)], ct);
    public Task BewaarAsync(OmzettingGedaan o, CancellationToken ct) => RunAllAsync([Insert(o)], ct);

    // Many at once (a batch, a region's sending): one transaction, so one commit instead of one per workbook.
    public Task BewaarAsync(IReadOnlyCollection<WerkboekGemaakt> werkboeken, CancellationToken ct) => RunAllAsync(werkboeken.Select(Insert), ct);
    public Task BewaarAsync(IReadOnlyCollection<ControleGedaan> controles, CancellationToken ct) => RunAllAsync(controles.Select(Insert), ct);
    public Task BewaarAsync(IReadOnlyCollection<OmzettingGedaan> omzettingen, CancellationToken ct) => RunAllAsync(omzettingen.Select(Insert), ct);

    private static (string Sql, (string Name, object Value)[] Parameters) Insert(WerkboekGemaakt w) => (
        """
        INSERT INTO werkboek (id, gemeente, aanbieder, rijen, gemaakt) VALUES (@id, @g, @a, @r, @m)
        ON CONFLICT (id) DO UPDATE SET gemeente = excluded.gemeente, aanbieder = excluded.aanbieder, rijen = excluded.rijen, gemaakt = excluded.gemaakt
        """, [("id", w.WerkboekId), ("g", w.Gemeente), ("a", w.Aanbieder), ("r", w.Rijen), ("m", w.Moment.ToUnixTimeMilliseconds())]);

    private static (string Sql, (string Name, object Value)[] Parameters) Insert(ControleGedaan c) => (
        """
        INSERT INTO controle (werkboek, gemeente, aanbieder, moment, ok, onvolledig, overleg, fout, verzegeling_geldig, gewijzigd, verwijderd, toegevoegd)
        VALUES (@w, @g, @a, @m, @ok, @on, @ov, @f, @v, @gw, @vw, @tg)
        """, [("w", c.WerkboekId), ("g", c.Gemeente), ("a", c.Aanbieder), ("m", c.Moment.ToUnixTimeMilliseconds()),
        ("ok", c.Telling.Ok), ("on", c.Telling.Onvolledig), ("ov", c.Telling.Overleg), ("f", c.Telling.Fout),
        ("v", c.VerzegelingGeldig ? 1 : 0), ("gw", c.Gewijzigd), ("vw", c.Verwijderd), ("tg", c.Toegevoegd)]);

    private static (string Sql, (string Name, object Value)[] Parameters) Insert(AkkoordGegeven a) => (
        "INSERT INTO akkoord (werkboek, moment) VALUES (@w, @m)", [("w", a.WerkboekId), ("m", a.Moment.ToUnixTimeMilliseconds())]);

    private static (string Sql, (string Name, object Value)[] Parameters) Insert(OmzettingGedaan o) => (
        "INSERT INTO omzetting (werkboek, gemeente, aanbieder, moment, omgezet, niet_omgezet) VALUES (@w, @g, @a, @m, @o, @n)",
        [("w", o.WerkboekId), ("g", o.Gemeente), ("a", o.Aanbieder), ("m", o.Moment.ToUnixTimeMilliseconds()), ("o", o.Omgezet), ("n", o.NietOmgezet)]);

    /// <summary>Runs the statements in one transaction on one connection: all are recorded, or none.</summary>
    private async Task RunAllAsync(IEnumerable<(string Sql, (string Name, object Value)[] Parameters)> statements, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        foreach (var (sql, parameters) in statements)
        {
            await using var command = Command(connection, sql, parameters);
            command.Transaction = transaction;
            await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }

    /// <summary>Every workbook known for these gemeenten and aanbieders (null: all), with its last check and conversion.
    /// The scope and the choice of the last check and conversion are made by the database (indexed), so a gemeente's or an
    /// aanbieder's overview reads only its own records, however many the region has.</summary>
    public async Task<IReadOnlyList<WerkboekVoortgang>> LeesAsync(IReadOnlySet<string>? gemeenten, IReadOnlySet<string>? aanbieders, CancellationToken ct)
    {
        var (scope, parameters) = Scope(gemeenten, aanbieders);
        await using var connection = await OpenAsync(ct);
        var werkboeken = new Dictionary<string, (string G, string A, int R, DateTimeOffset? M)>(StringComparer.Ordinal);
        await foreach (var r in QueryAsync(connection, $"SELECT id, gemeente, aanbieder, rijen, gemaakt FROM werkboek WHERE {scope}", parameters, ct))
            werkboeken[r.GetString(0)] = (r.GetString(1), r.GetString(2), Int(r, 3), Time(r, 4));

        var controles = new Dictionary<string, ControleGedaan>(StringComparer.Ordinal);
        await foreach (var r in QueryAsync(connection, $"""
            SELECT werkboek, gemeente, aanbieder, moment, ok, onvolledig, overleg, fout, verzegeling_geldig, gewijzigd, verwijderd, toegevoegd FROM
              (SELECT c.*, ROW_NUMBER() OVER (PARTITION BY werkboek ORDER BY moment DESC) AS laatste FROM controle c WHERE {scope}) l
            WHERE laatste = 1
            """, parameters, ct))
            controles[r.GetString(0)] = new ControleGedaan(r.GetString(0), r.GetString(1), r.GetString(2), Time(r, 3)!.Value,
                new Telling(Int(r, 4), Int(r, 5), Int(r, 6), Int(r, 7)), Int(r, 8) == 1, Int(r, 9), Int(r, 10), Int(r, 11));

        // An approval names only its workbook: it is in scope when the workbook, a check or a conversion of it is.
        var akkoorden = new Dictionary<string, int>(StringComparer.Ordinal);
        var akkoordScope = gemeenten is null && aanbieders is null ? "" : $"""
            WHERE werkboek IN (SELECT id FROM werkboek WHERE {scope}) OR werkboek IN (SELECT werkboek FROM controle WHERE {scope})
               OR werkboek IN (SELECT werkboek FROM omzetting WHERE {scope})
            """;
        await foreach (var r in QueryAsync(connection, $"SELECT werkboek, COUNT(*) FROM akkoord {akkoordScope} GROUP BY werkboek", parameters, ct))
            akkoorden[r.GetString(0)] = Int(r, 1);

        var omzettingen = new Dictionary<string, OmzettingGedaan>(StringComparer.Ordinal);
        await foreach (var r in QueryAsync(connection, $"""
            SELECT werkboek, gemeente, aanbieder, moment, omgezet, niet_omgezet FROM
              (SELECT o.*, ROW_NUMBER() OVER (PARTITION BY werkboek ORDER BY moment DESC) AS laatste FROM omzetting o WHERE {scope}) l
            WHERE laatste = 1
            """, parameters, ct))
            omzettingen[r.GetString(0)] = new OmzettingGedaan(r.GetString(0), r.GetString(1), r.GetString(2), Time(r, 3)!.Value, Int(r, 4), Int(r, 5));

        // A workbook checked or converted here but made elsewhere (or before its record expired) still counts.
        foreach (var c in controles.Values.Where(c => !werkboeken.ContainsKey(c.WerkboekId)))
            werkboeken[c.WerkboekId] = (c.Gemeente, c.Aanbieder, 0, null);
        foreach (var o in omzettingen.Values.Where(o => !werkboeken.ContainsKey(o.WerkboekId)))
            werkboeken[o.WerkboekId] = (o.Gemeente, o.Aanbieder, 0, null);
        return werkboeken.Select(w => new WerkboekVoortgang(w.Key, w.Value.G, w.Value.A, w.Value.R, w.Value.M,
            controles.GetValueOrDefault(w.Key), akkoorden.GetValueOrDefault(w.Key), omzettingen.GetValueOrDefault(w.Key))).ToList();
    }

    /// <summary>The condition on the columns gemeente and aanbieder that a caller's scope makes (null: any), with its
    /// parameters: one per code, so a code is never part of the SQL text. An empty set matches nothing.</summary>
    private static (string Sql, (string Name, object Value)[] Parameters) Scope(IReadOnlySet<string>? gemeenten, IReadOnlySet<string>? aanbieders)
    {
        var parameters = new List<(string, object)>();
        string In(string column, string prefix, IReadOnlySet<string>? codes)
        {
            if (codes is null) return "1 = 1";
            if (codes.Count == 0) return "1 = 0";
            var names = codes.Order(StringComparer.Ordinal).Select((code, i) =>
            {
                parameters.Add(($"{prefix}{i}", code));
                return $"@{prefix}{i}";
            });
            return $"{column} IN ({string.Join(", ", names)})";
        }
        var sql = $"{In("gemeente", "g", gemeenten)} AND {In("aanbieder", "a", aanbieders)}";
        return (sql, parameters.ToArray());
    }

    /// <summary>Removes everything recorded about one gemeente's workbooks.</summary>
    public async Task<int> VerwijderGemeenteAsync(string gemeente, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);
        var removed = 0;
        foreach (var sql in new[]
        {
            "DELETE FROM akkoord WHERE werkboek IN (SELECT id FROM werkboek WHERE gemeente = @g) OR werkboek IN (SELECT werkboek FROM controle WHERE gemeente = @g)",
            "DELETE FROM controle WHERE gemeente = @g", "DELETE FROM omzetting WHERE gemeente = @g", "DELETE FROM werkboek WHERE gemeente = @g",
        })
        {
            await using var command = Command(connection, sql, ("g", gemeente));
            command.Transaction = transaction;
            removed += await command.ExecuteNonQueryAsync(ct);
        }
        await transaction.CommitAsync(ct);
        return removed;
    }

    /// <summary>Removes records older than <paramref name="grens"/>.</summary>
    public async Task<int> OpruimenAsync(DateTimeOffset grens, CancellationToken ct)
    {
        var t = grens.ToUnixTimeMilliseconds();
        var removed = 0;
        foreach (var sql in new[]
        {
            "DELETE FROM werkboek WHERE gemaakt < @t", "DELETE FROM controle WHERE moment < @t",
            "DELETE FROM akkoord WHERE moment < @t", "DELETE FROM omzetting WHERE moment < @t",
        })
            removed += await RunAsync(sql, ct, ("t", t));
        return removed;
    }

    private async Task<int> RunAsync(string sql, CancellationToken ct, params (string Name, object Value)[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var command = Command(connection, sql, parameters);
        return await command.ExecuteNonQueryAsync(ct);
    }

    private async Task<DbConnection> OpenAsync(CancellationToken ct)
    {
        var connection = _connect();
        await connection.OpenAsync(ct);
        return connection;
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql, CancellationToken ct)
    {
        await using var command = Command(connection, sql);
        await command.ExecuteNonQueryAsync(ct);
    }

    private static async IAsyncEnumerable<DbDataReader> QueryAsync(DbConnection connection, string sql, (string Name, object Value)[] parameters,
        [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        await using var command = Command(connection, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) yield return reader;
    }

    private static DbCommand Command(DbConnection connection, string sql, params (string Name, object Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var p = command.CreateParameter();
            p.ParameterName = name;
            p.Value = value;
            command.Parameters.Add(p);
        }
        return command;
    }

    private static int Int(DbDataReader r, int i) => Convert.ToInt32(r.GetValue(i), CultureInfo.InvariantCulture);

    private static DateTimeOffset? Time(DbDataReader r, int i) =>
        r.IsDBNull(i) ? null : DateTimeOffset.FromUnixTimeMilliseconds(Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture));
}
