namespace MigratieAddin.Tests;

/// <summary>The checkout the tests run from: the folder with MigratieAddin.sln above the test binaries.</summary>
internal static class Repository
{
    public static string Root { get; } = Find();

    /// <summary>The environment variables the image sets, as api/MigratieAddin.Api.csproj declares them.</summary>
    public static IEnumerable<(string Name, string Value)> ImageEnvironment() =>
        System.Xml.Linq.XDocument.Load(Path.Combine(Root, "api", "MigratieAddin.Api.csproj")).Descendants("ContainerEnvironmentVariable")
            .Select(e => ((string)e.Attribute("Include")!, (string)e.Attribute("Value")!));

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "MigratieAddin.sln"))) return dir.FullName;
        throw new DirectoryNotFoundException("MigratieAddin.sln niet gevonden boven de testmap");
    }
}
