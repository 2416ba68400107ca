namespace MigratieAddin.Tests;

/// <summary>The checkout the tests run from: the folder with MigratieAddin.sln above the test binaries.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MigratieAddin.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("MigratieAddin.sln niet gevonden boven de testmap");
    }
}
