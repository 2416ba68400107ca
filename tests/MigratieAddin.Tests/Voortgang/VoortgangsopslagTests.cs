using MigratieAddin.Api;
using Npgsql;

namespace MigratieAddin.Tests;

/// <summary>The store itself, against SQLite and, when VOORTGANG_POSTGRES holds a connection string (as in .ci/run, which
/// starts a private PostgreSQL), against PostgreSQL: one code path for both.</summary>
public class VoortgangsopslagTests
{
    public static TheoryData<string> Databases()
    {
        var data = new TheoryData<string> { "SQLite" };
        if (Postgres is not null) data.Add("PostgreSQL");
        return data;
    }

    private static string? Postgres => Environment.GetEnvironmentVariable("VOORTGANG_POSTGRES") is { Length: > 0 } cs ? cs : null;

    /// <summary>A fresh, migrated store: a new SQLite file, or a new PostgreSQL database.</summary>
    private static async Task<Voortgangsopslag> Fresh(string soort)
    {
        var opslag = soort == "SQLite" ? Voortgangsopslag.Sqlite(TestDatabase.NewFile()) : Voortgangsopslag.Postgres(await NewPostgresDatabase());
        await opslag.MigrateAsync(default);
        return opslag;
    }

    /// <summary>A new, empty database in the test run's PostgreSQL; its connection string.</summary>
    public static async Task<string> NewPostgresDatabase()
    {
        var name = $"voortgang_{Guid.NewGuid():N}";
        await using (var admin = new NpgsqlConnection(Postgres))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", admin);
            await create.ExecuteNonQueryAsync();
        }
        return new NpgsqlConnectionStringBuilder(Postgres) { Database = name }.ToString();
    }

    private static readonly DateTimeOffset Dag = new(2022, 12, 15, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task WhatIsRecordedComesBackWithTheLastCheckAndConversionOfEachWorkbook(string soort)
    {
        var opslag = await Fresh(soort);
        await opslag.BewaarAsync(new WerkboekGemaakt("AAAAAAAA", "0193", "98000022", 12, Dag), default);
        await opslag.BewaarAsync(new ControleGedaan("AAAAAAAA", "0193", "98000022", Dag.AddDays(1), new Telling(5, 4, 2, 1), true, 1, 0, 0), default);
        await opslag.BewaarAsync(new ControleGedaan("AAAAAAAA", "0193", "98000022", Dag.AddDays(2), new Telling(10, 0, 2, 0), true, 0, 0, 1), default);
        await opslag.BewaarAsync(new AkkoordGegeven("AAAAAAAA", Dag.AddDays(2)), default);
        await opslag.BewaarAsync(new AkkoordGegeven("AAAAAAAA", Dag.AddDays(2)), default);
        await opslag.BewaarAsync(new OmzettingGedaan("AAAAAAAA", "0193", "98000022", Dag.AddDays(3), 12, 0), default);
        await opslag.BewaarAsync(new ControleGedaan("ZZZZZZZZ", "0166", "98000066", Dag, new Telling(1, 0, 0, 0), false, 0, 3, 0), default);

        var alle = await opslag.LeesAsync(null, null, default);
        var a = alle.Single(w => w.WerkboekId == "AAAAAAAA");
        Assert.Equal(12, a.Rijen);
        Assert.Equal(Dag, a.Gemaakt);
        Assert.Equal(new Telling(10, 0, 2, 0), a.LaatsteControle!.Telling);
        Assert.Equal(1, a.LaatsteControle.Toegevoegd);
        Assert.Equal(2, a.Akkoorden);
        Assert.Equal(12, a.LaatsteOmzetting!.Omgezet);
        var z = alle.Single(w => w.WerkboekId == "ZZZZZZZZ"); // checked here, made elsewhere
        Assert.Null(z.Gemaakt);
        Assert.False(z.LaatsteControle!.VerzegelingGeldig);
        Assert.Equal(3, z.LaatsteControle.Verwijderd);

        Assert.Equal(["AAAAAAAA"], (await opslag.LeesAsync(new HashSet<string> { "0193" }, null, default)).Select(w => w.WerkboekId));
        Assert.Equal(["ZZZZZZZZ"], (await opslag.LeesAsync(null, new HashSet<string> { "98000066" }, default)).Select(w => w.WerkboekId));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task AScopedReadHoldsOnlyTheRecordsOfItsGemeentenOrAanbiedersWithTheirOwnLastCheckAndApprovals(string soort)
    {
        var opslag = await Fresh(soort);
        // Zwolle with two aanbieders, Kampen and Dalfsen with one each; Dalfsen's workbook known only by its check and conversion.
        await opslag.BewaarAsync(new WerkboekGemaakt("ZWOLLE01", "0193", "98000022", 10, Dag), default);
        await opslag.BewaarAsync(new WerkboekGemaakt("ZWOLLE02", "0193", "98000066", 20, Dag), default);
        await opslag.BewaarAsync(new WerkboekGemaakt("KAMPEN01", "0166", "98000022", 30, Dag), default);
        await opslag.BewaarAsync(new ControleGedaan("ZWOLLE01", "0193", "98000022", Dag.AddDays(1), new Telling(1, 9, 0, 0), true, 0, 0, 0), default);
        await opslag.BewaarAsync(new ControleGedaan("ZWOLLE01", "0193", "98000022", Dag.AddDays(3), new Telling(10, 0, 0, 0), true, 0, 0, 0), default);
        await opslag.BewaarAsync(new ControleGedaan("KAMPEN01", "0166", "98000022", Dag.AddDays(5), new Telling(0, 0, 0, 30), true, 0, 0, 0), default);
        await opslag.BewaarAsync(new ControleGedaan("DALFSE01", "0148", "98000066", Dag.AddDays(2), new Telling(3, 0, 1, 0), false, 0, 0, 0), default);
        await opslag.BewaarAsync(new AkkoordGegeven("ZWOLLE01", Dag.AddDays(2)), default);
        await opslag.BewaarAsync(new AkkoordGegeven("KAMPEN01", Dag.AddDays(5)), default);
        await opslag.BewaarAsync(new AkkoordGegeven("KAMPEN01", Dag.AddDays(5)), default);
        await opslag.BewaarAsync(new AkkoordGegeven("DALFSE01", Dag.AddDays(2)), default);
        await opslag.BewaarAsync(new OmzettingGedaan("DALFSE01", "0148", "98000066", Dag.AddDays(4), 3, 1), default);
        await opslag.BewaarAsync(new OmzettingGedaan("KAMPEN01", "0166", "98000022", Dag.AddDays(6), 0, 30), default);

        static Task<IReadOnlyList<WerkboekVoortgang>> Lees(Voortgangsopslag o, string[]? gemeenten, string[]? aanbieders) =>
            o.LeesAsync(gemeenten?.ToHashSet(), aanbieders?.ToHashSet(), default);
        static string[] Ids(IReadOnlyList<WerkboekVoortgang> w) => w.Select(x => x.WerkboekId).Order(StringComparer.Ordinal).ToArray();

        var zwolle = await Lees(opslag, ["0193"], null);
        Assert.Equal(["ZWOLLE01", "ZWOLLE02"], Ids(zwolle));
        var z1 = zwolle.Single(w => w.WerkboekId == "ZWOLLE01");
        Assert.Equal(new Telling(10, 0, 0, 0), z1.LaatsteControle!.Telling); // the later of its two checks
        Assert.Equal(1, z1.Akkoorden);
        Assert.Null(z1.LaatsteOmzetting);

        Assert.Equal(["DALFSE01", "KAMPEN01"], Ids(await Lees(opslag, ["0166", "0148"], null)));
        var dalfsen = Assert.Single(await Lees(opslag, ["0148"], null));
        Assert.Equal((0, 1, 3), (dalfsen.Rijen, dalfsen.Akkoorden, dalfsen.LaatsteOmzetting!.Omgezet));

        var beta = await Lees(opslag, null, ["98000022"]);
        Assert.Equal(["KAMPEN01", "ZWOLLE01"], Ids(beta));
        Assert.Equal(2, beta.Single(w => w.WerkboekId == "KAMPEN01").Akkoorden);
        Assert.Equal(30, beta.Single(w => w.WerkboekId == "KAMPEN01").LaatsteOmzetting!.NietOmgezet);
        Assert.Equal(["DALFSE01", "ZWOLLE02"], Ids(await Lees(opslag, null, ["98000066"])));
        Assert.Equal(["DALFSE01", "KAMPEN01", "ZWOLLE01", "ZWOLLE02"], Ids(await Lees(opslag, null, ["98000022", "98000066"])));
        Assert.Equal(["ZWOLLE02"], Ids(await Lees(opslag, ["0193"], ["98000066"])));
        Assert.Empty(await Lees(opslag, ["0193"], ["12345678"]));
        Assert.Empty(await Lees(opslag, [], null));
        Assert.Equal(4, (await Lees(opslag, null, null)).Count);
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task MigratingTwiceOrFromTwoInstancesAtOnceIsHarmless(string soort)
    {
        var opslag = await Fresh(soort);
        await Task.WhenAll(opslag.MigrateAsync(default), opslag.MigrateAsync(default));
        Assert.True(await opslag.ReachableAsync(default));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task RecordsOlderThanTheRetentionAreRemovedAndNewerOnesStay(string soort)
    {
        var opslag = await Fresh(soort);
        await opslag.BewaarAsync(new WerkboekGemaakt("OUDOUD01", "0193", "98000022", 1, Dag.AddDays(-200)), default);
        await opslag.BewaarAsync(new ControleGedaan("OUDOUD01", "0193", "98000022", Dag.AddDays(-199), new Telling(1, 0, 0, 0), true, 0, 0, 0), default);
        await opslag.BewaarAsync(new WerkboekGemaakt("NIEUW001", "0193", "98000022", 1, Dag), default);

        Assert.True(await opslag.OpruimenAsync(Dag.AddDays(-180), default) >= 2);

        Assert.Equal(["NIEUW001"], (await opslag.LeesAsync(null, null, default)).Select(w => w.WerkboekId));
    }

    [Theory]
    [MemberData(nameof(Databases))]
    public async Task DeletingAGemeenteRemovesItsWorkbooksChecksApprovalsAndConversionsOnly(string soort)
    {
        var opslag = await Fresh(soort);
        await opslag.BewaarAsync(new WerkboekGemaakt("AAAAAAAA", "0193", "98000022", 1, Dag), default);
        await opslag.BewaarAsync(new AkkoordGegeven("AAAAAAAA", Dag), default);
        await opslag.BewaarAsync(new OmzettingGedaan("AAAAAAAA", "0193", "98000022", Dag, 1, 0), default);
        await opslag.BewaarAsync(new WerkboekGemaakt("BBBBBBBB", "0166", "98000022", 1, Dag), default);

        await opslag.VerwijderGemeenteAsync("0193", default);

        var rest = await opslag.LeesAsync(null, null, default);
        Assert.Equal(["BBBBBBBB"], rest.Select(w => w.WerkboekId));
    }
}
