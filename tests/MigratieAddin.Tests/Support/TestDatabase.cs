using System.Runtime.CompilerServices;

namespace MigratieAddin.Tests;

/// <summary>Every API the tests start (in this process or as a child process) records its voortgang in one private
/// SQLite file of this test run, never in the user's own application data. Tests that look at the voortgang use a file of their own.</summary>
public static class TestDatabase
{
    public static readonly string Folder = Directory.CreateTempSubdirectory("voortgang-test-").FullName;

    [ModuleInitializer]
    public static void UseAPrivateFile() =>
        Environment.SetEnvironmentVariable("Voortgang__Bestand", Path.Combine(Folder, "gedeeld.db"));

    /// <summary>A fresh database file for one test.</summary>
    public static string NewFile() => Path.Combine(Folder, $"{Guid.NewGuid():N}.db");
}
