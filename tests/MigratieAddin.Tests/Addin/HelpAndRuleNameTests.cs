using System.Net;
using System.Text.Json;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

public class HelpAndRuleNameTests
{
    [Fact]
    public async Task TheHelpPageIsDutchWithTheStepsPerRoleAndOpenWithoutSignIn()
    {
        using var api = new SignedInApi();
        var response = await api.ClientWith(null).GetAsync("/help");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("lang=\"nl\"", html);
        foreach (var id in new[] { "id=\"gemeente\"", "id=\"aanbieder\"", "id=\"controle\"" }) Assert.Contains(id, html);
        Assert.Contains("Format per aanbieder versturen", html); // the region's steps from the catalogue
    }

    [Fact]
    public async Task TheHelpPageExistsInProduction()
    {
        using var api = new SignedInApi("Production");
        var response = await api.ClientWith(null).GetAsync("/help");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public void EveryRuleCodeHasADutchName()
    {
        var codes = Validator.Rules.Select(r => r.Code).ToList();
        Assert.All(codes, c => Assert.True(Regelnamen.Namen.ContainsKey(c), $"{c} heeft geen naam"));
        Assert.All(Regelnamen.Alle, r => Assert.NotEqual(r.Code, r.Naam));
        Assert.Equal(Regelnamen.Namen.Count, Regelnamen.Alle.Count); // no dead names either
    }

    [Fact]
    public async Task TheRuleListIsServedWithNamesAndSeverities()
    {
        using var api = new MigratieApi();
        using var json = JsonDocument.Parse(await api.CreateClient().GetStringAsync("/api/regels"));
        var leeg = json.RootElement.EnumerateArray().Single(e => e.GetProperty("code").GetString() == "PRODUCT2023_LEEG");
        Assert.Equal("Productcode 2023 nog niet ingevuld", leeg.GetProperty("naam").GetString());
        Assert.Equal("onvolledig", leeg.GetProperty("ernst").GetString());
    }
}
