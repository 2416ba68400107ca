namespace MigratieAddin.Tests;

/// <summary>The image cannot be built on these machines, so .ci/published.sh starts the published app the way the image
/// does. These facts keep the two the same.</summary>
public sealed class ImageTests
{
    [Fact]
    public void ThePublishedAppInCiRunsWithEveryEnvironmentVariableTheImageSets()
    {
        var script = File.ReadAllText(Path.Combine(Repository.Root, ".ci", "published.sh"));
        var variables = Repository.ImageEnvironment().Where(v => v.Name != "ASPNETCORE_HTTP_PORTS").ToList(); // CI gives a loopback address instead
        Assert.NotEmpty(variables);
        Assert.All(variables, v => Assert.Contains($"{v.Name}={v.Value}", script));
    }

    [Fact]
    public void TheReadmeNamesTheRuntimeSettingsTheImageSets()
    {
        var readme = File.ReadAllText(Path.Combine(Repository.Root, "README.md"));
        Assert.All(Repository.ImageEnvironment().Where(v => v.Name.StartsWith("DOTNET_", StringComparison.Ordinal)),
            v => Assert.Contains($"`{v.Name}={v.Value}`", readme));
    }
}
