using System.Net;
using System.Text.Json;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public class CatalogusTests
{
    [Fact]
    public void TheEmbeddedCatalogusHoldsTheRegionsFiles()
    {
        var c = CatalogusLoader.LoadEmbedded();
        Assert.Equal("IJsselland", c.Regio.Regio);
        Assert.Equal(new DateOnly(2022, 12, 31), c.Regio.Peildatum);
        Assert.Equal((11, 13, 15, 26, 8), (c.Gemeenten.Count, c.Producten2022.Count, c.Producten2023.Count, c.Omzettingen.Count, c.Aanbieders.Count));
        Assert.Equal("Zwolle", c.Gemeente("0193")!.Naam);
        Assert.True(c.Product2022("54301")!.IsGgzVerblijf);
        Assert.Equal(298.50m, c.Product2023("43a12")!.Tarief);
        Assert.True(c.Aanbieder("98000022")!.IsGegund("44a08"));
        Assert.True(c.Omzetting("44301", "44A08")!.Standaard);
        Assert.Equal(9, c.Regio.Stappen.Count);
    }

    [Fact]
    public void AFolderWithTheSameFilesLoadsTheSameCatalogus()
    {
        using var folder = new CatalogusFolder();
        folder.Replace("gemeenten.csv", "0193;Zwolle", "0193;Gemeente Zwolle");
        Assert.Equal("Gemeente Zwolle", CatalogusLoader.LoadFromFolder(folder.Path).Gemeente("0193")!.Naam);
    }

    [Theory]
    [InlineData("omzettingstabel.csv", "44301;44A08;ja", "44301;44X08;ja", "omzettingstabel.csv, regel 11: omzetting naar onbekende productcode_2023 '44X08'")]
    [InlineData("producten-nieuw.csv", "44;44A09;", "44;44A08;", "producten-nieuw.csv, regel 8: productcode 44A08 staat dubbel (ook op regel 7)")]
    [InlineData("regio.json", "\"peildatum\": \"2022-12-31\"", "\"peildatum\": \"31-12-2022\"", "regio.json, regel 4: 'peildatum' is geen datum")]
    [InlineData("aanbieders.csv", "agb;naam;email", "agb;bedrijf;email", "aanbieders.csv, regel 1: kolom 'naam' ontbreekt")]
    [InlineData("aanbieders.csv", "98000011;Alfa", "9800001;Alfa", "aanbieders.csv, regel 2: 'agb' moet 8 cijfers zijn")]
    [InlineData("producten-oud.csv", "43301;Verblijf behandelgroep;verblijf;midden;14;nee", "43301;Verblijf behandelgroep;verblijf;midden;14;soms", "producten-oud.csv, regel 2: 'combinatie_ambulant' moet ja of nee zijn")]
    [InlineData("aanbieders.csv", "43A11 43A12 43A13 45A48", "43A11 43A12 43A14", "aanbieders.csv, regel 2: gegund product '43A14' staat niet in producten-nieuw.csv")]
    public void ABrokenCatalogusNamesTheFileTheLineAndWhatIsWrong(string file, string oldText, string newText, string expected)
    {
        using var folder = new CatalogusFolder();
        folder.Replace(file, oldText, newText);
        var e = Assert.Throws<InvalidCatalogusException>(() => CatalogusLoader.LoadFromFolder(folder.Path));
        Assert.Contains(e.Errors, error => error.StartsWith(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        using var folder = new CatalogusFolder();
        File.Delete(Path.Combine(folder.Path, "gemeenten.csv"));
        var e = Assert.Throws<InvalidCatalogusException>(() => CatalogusLoader.LoadFromFolder(folder.Path));
        Assert.Contains("gemeenten.csv: het bestand ontbreekt", e.Errors);
    }

    [Fact]
    public void TheApiDoesNotStartWithABrokenCatalogus()
    {
        using var folder = new CatalogusFolder();
        folder.Replace("omzettingstabel.csv", "44301;44A08;ja", "44301;44X08;ja");
        using var api = new MigratieApi(("Catalogus:Map", folder.Path));
        var e = Assert.ThrowsAny<Exception>(() => api.CreateClient());
        Assert.Contains("omzettingstabel.csv, regel 11", e.ToString());
    }

    [Fact]
    public async Task TheApiServesACatalogusFromTheConfiguredFolder()
    {
        using var folder = new CatalogusFolder();
        folder.Replace("regio.json", "\"IJsselland\"", "\"Testregio\"");
        using var api = new MigratieApi(("Catalogus:Map", folder.Path));
        var json = await api.CreateClient().GetStringAsync("/api/catalogus");
        Assert.Equal("Testregio", JsonDocument.Parse(json).RootElement.GetProperty("regio").GetProperty("regio").GetString());
    }

    [Fact]
    public async Task GetCatalogusAnswersTheShapeOfTheFormat()
    {
        using var api = new MigratieApi();
        var response = await api.CreateClient().GetAsync("/api/catalogus");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

        Assert.Equal(["regio", "gemeenten", "producten2022", "producten2023", "omzettingen", "aanbieders"], root.EnumerateObject().Select(p => p.Name));
        var regio = root.GetProperty("regio");
        Assert.Equal("2023-01-01", regio.GetProperty("ingangsdatumNieuw").GetString());
        Assert.Equal(0.10m, regio.GetProperty("volumeTolerantie").GetDecimal());
        Assert.Equal(1, regio.GetProperty("stappen")[0].GetProperty("stap").GetInt32());
        Assert.Equal("2022-12-06", regio.GetProperty("stappen")[0].GetProperty("uiterlijk").GetString());

        Assert.Equal("0148", root.GetProperty("gemeenten")[0].GetProperty("cbscode").GetString());
        var p2022 = root.GetProperty("producten2022").EnumerateArray().First(p => p.GetProperty("productcode").GetString() == "43303");
        Assert.Equal(JsonValueKind.True, p2022.GetProperty("combinatieAmbulant").ValueKind);
        Assert.Equal(["productcategorie", "productcode", "omschrijving", "soort", "intensiteit", "eenheid", "combinatieAmbulant"], p2022.EnumerateObject().Select(p => p.Name));
        Assert.Equal(245.00m, root.GetProperty("producten2023")[0].GetProperty("tarief").GetDecimal());
        var omzetting = root.GetProperty("omzettingen")[1];
        Assert.Equal(("43301", "43A12", true), (omzetting.GetProperty("productcode2022").GetString(), omzetting.GetProperty("productcode2023").GetString(), omzetting.GetProperty("standaard").GetBoolean()));
        var aanbieder = root.GetProperty("aanbieders")[0];
        Assert.Equal(["43A11", "43A12", "43A13", "45A48"], aanbieder.GetProperty("gegundeProducten").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("migratie@alfa-jeugdhulp.example", aanbieder.GetProperty("email").GetString());
    }
}
