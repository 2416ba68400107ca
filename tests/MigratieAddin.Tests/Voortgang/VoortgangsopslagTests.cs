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
