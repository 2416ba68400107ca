using System.Net;
using System.Xml;
using System.Xml.Linq;
using System.Xml.Schema;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public class ManifestTests
{
    private static readonly XNamespace Bt = "http://schemas.microsoft.com/office/officeappbasictypes/1.0";
    private static readonly XNamespace Ov = "http://schemas.microsoft.com/office/taskpaneappversionoverrides";
    private static string LocalManifest => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "manifest.xml"));

    /// <summary>Validation errors against the official Office add-in manifest schemas (none means valid).</summary>
    private static List<string> SchemaErrors(string xml)
    {
        var schemas = new XmlSchemaSet { XmlResolver = new XmlUrlResolver() };
        schemas.Add(null, Path.Combine(AppContext.BaseDirectory, "Addin", "schemas", "OfficeAppManifestV1_1.xsd"));
        var errors = new List<string>();
        var settings = new XmlReaderSettings { ValidationType = ValidationType.Schema, Schemas = schemas };
        settings.ValidationEventHandler += (_, e) => errors.Add($"{e.Severity}: {e.Message} (regel {e.Exception?.LineNumber})");
        using var reader = XmlReader.Create(new StringReader(xml), settings);
        while (reader.Read()) { }
        return errors;
    }

    private static IEnumerable<string> Urls(XDocument doc) =>
        doc.Descendants().Where(e => e.Name.LocalName is "Url" or "Image" && e.Name.Namespace == Bt || e.Name.LocalName is "IconUrl" or "HighResolutionIconUrl" or "SupportUrl" or "SourceLocation")
            .Select(e => e.Attribute("DefaultValue")?.Value).OfType<string>()
            .Concat(doc.Descendants().Where(e => e.Name.LocalName == "AppDomain").Select(e => e.Value));

    [Fact]
    public void TheLocalManifestValidatesAgainstTheOfficialSchemas() =>
        Assert.Empty(SchemaErrors(LocalManifest));

    [Fact]
    public void ASchemaViolationIsCaught() =>
        Assert.NotEmpty(SchemaErrors(LocalManifest.Replace("<Permissions>ReadWriteDocument</Permissions>", "<Permissions>Alles</Permissions>")));

    [Fact]
    public void EveryResidResolvesToAResourceOfTheRightKind()
    {
        var doc = XDocument.Parse(LocalManifest);
        var resources = doc.Descendants(Ov + "Resources").Single();
        var ids = resources.Descendants().Where(e => e.Attribute("id") is not null).Select(e => e.Attribute("id")!.Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        var resids = doc.Descendants().Select(e => e.Attribute("resid")?.Value).OfType<string>().ToList();
        Assert.NotEmpty(resids);
        Assert.All(resids, r => Assert.Contains(r, ids));
        Assert.All(ids, id => Assert.Contains(id, resids)); // no dead resources either
    }

    [Fact]
    public void EveryUrlIsHttpsOnTheLocalDevelopmentAddress()
    {
        var urls = Urls(XDocument.Parse(LocalManifest)).ToList();
        Assert.True(urls.Count >= 8);
        Assert.All(urls, u => Assert.StartsWith(AddinApi.LocalBaseUrl + "/", u + "/"));
    }

    [Fact]
    public void TheManifestIsDutchWithAStableId()
    {
        var doc = XDocument.Parse(LocalManifest);
        Assert.Equal("nl-NL", doc.Root!.Elements().Single(e => e.Name.LocalName == "DefaultLocale").Value);
        Assert.Equal("abf51564-a075-4811-941f-80f8f4cede8c", doc.Root!.Elements().Single(e => e.Name.LocalName == "Id").Value);
        Assert.Contains(doc.Descendants(), e => e.Name.LocalName == "OfficeTab" && e.Attribute("id")?.Value == "TabHome");
    }

    [Fact]
    public async Task TheServedManifestCarriesThePublicAddressAndStillValidates()
    {
        using var api = new MigratieApi(("Addin:PubliekeUrl", "https://migratie.ijsselland.example/"));
        var response = await api.CreateClient().GetAsync("/manifest.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.Empty(SchemaErrors(xml));
        Assert.DoesNotContain("localhost", xml);
        Assert.All(Urls(XDocument.Parse(xml)), u => Assert.StartsWith("https://migratie.ijsselland.example/", u + "/"));
    }

    [Fact]
    public async Task WithoutAPublicAddressTheManifestPointsAtTheConfiguredLocalAddressNotTheRequestsHost()
    {
        using var api = new MigratieApi(("AllowedHosts", "*"), ("urls", "http://localhost:7080;https://localhost:7443"));
        var client = api.CreateClient(new() { BaseAddress = new Uri("https://aanvaller.example:8443") });
        var xml = await client.GetStringAsync("/manifest.xml");
        Assert.Contains("https://localhost:7443/taskpane.html", xml);
        Assert.DoesNotContain("aanvaller", xml);
    }

    [Fact]
    public async Task AWildcardLocalAddressBecomesLocalhost()
    {
        using var api = new MigratieApi(("Kestrel:Endpoints:Https:Url", "https://*:7443"));
        var xml = await api.CreateClient().GetStringAsync("/manifest.xml");
        Assert.Contains("https://localhost:7443/taskpane.html", xml);
    }

    [Fact]
    public async Task WithoutAnyHttpsAddressTheManifestPointsAtTheDevelopmentAddress()
    {
        using var api = new MigratieApi(("AllowedHosts", "*"), ("urls", "http://127.0.0.1:7080"));
        var response = await api.CreateClient(new() { BaseAddress = new Uri("https://aanvaller.example") }).GetAsync("/manifest.xml");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = await response.Content.ReadAsStringAsync();
        Assert.Empty(SchemaErrors(xml));
        Assert.All(Urls(XDocument.Parse(xml)), u => Assert.StartsWith(AddinApi.LocalBaseUrl + "/", u + "/"));
    }

    [Fact]
    public void APublicAddressThatIsNotHttpsStopsStartUp()
    {
        using var api = new MigratieApi(("Addin:PubliekeUrl", "http://migratie.example"));
        var e = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("Addin:PubliekeUrl", e.ToString());
    }
}
