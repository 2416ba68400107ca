using System.Net;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>Seal keys: strong outside Development, named by an id in seals and marks, and rotated with VorigeSleutels.</summary>
public class SleutelTests
{
    public const string Sterk = "Zq8#Lm2!Vx7@Rt4$Kp9%Wn3^Hs6&Jd1*";
    private const string Ander = "gT5-bY8~cU2+eI6=oP0?aS4/dF7:hJ1;";

    private static Exception Starting(params (string Key, string Value)[] settings)
    {
        using var api = new WebApplicationFactory<Program>().WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production").UseSetting("AzureAd:Instance", "https://login.microsoftonline.com/")
                .UseSetting("AzureAd:TenantId", "11111111-1111-1111-1111-111111111111").UseSetting("AzureAd:ClientId", "22222222-2222-2222-2222-222222222222");
            foreach (var (key, value) in settings) b.UseSetting(key, value);
        });
        return Assert.ThrowsAny<Exception>(() => api.CreateClient());
    }

    [Theory]
    [InlineData(VerzegelingOptions.DevelopmentSleutel, "ontwikkelsleutel")]
    [InlineData("Kort#2kort", "korter dan 32")]
    [InlineData("abababababababababababababababababab", "te zwak")]
    [InlineData("kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk", "te zwak")]
    public void OutsideDevelopmentTheApiRefusesAWeakKey(string key, string reason)
    {
        var e = Starting(("Verzegeling:Sleutel", key)).ToString();
        Assert.Contains("Verzegeling:Sleutel", e);
        Assert.Contains(reason, e);
    }

    [Fact]
    public void OutsideDevelopmentAWeakEarlierKeyIsRefusedToo()
    {
        var e = Starting(("Verzegeling:Sleutel", Sterk), ("Verzegeling:VorigeSleutels:0", VerzegelingOptions.DevelopmentSleutel)).ToString();
        Assert.Contains("Verzegeling:VorigeSleutels:0", e);
    }

    [Fact]
    public void AKeyIdNamesTheKeyWithoutRevealingIt()
    {
        var a = new SealKey(Encoding.UTF8.GetBytes(Sterk));
        Assert.Equal(8, a.Id.Length);
        Assert.DoesNotContain(a.Id, Sterk);
        Assert.Equal(a.Id, new SealKey(Encoding.UTF8.GetBytes(Sterk)).Id);
        Assert.NotEqual(a.Id, new SealKey(Encoding.UTF8.GetBytes(Ander)).Id);
    }

    [Fact]
    public void ASealMadeWithAnEarlierKeyVerifiesOnlyWhileThatKeyIsListed()
    {
        var old = new Sealer(Encoding.UTF8.GetBytes(Ander));
        var text = Zending.Of(old, RijBuilder.Omzetting()).Verzegeling;
        Assert.Contains($";{old.Current.Id};", text.Split('\n')[0]);
        var rotated = new Sealer(Encoding.UTF8.GetBytes(Sterk), Encoding.UTF8.GetBytes(Ander));
        Assert.Equal(old.Current.Id, Seal.Verify(text, rotated)!.Key.Id);
        Assert.Null(Seal.Verify(text, new Sealer(Encoding.UTF8.GetBytes(Sterk))));
        // New seals always use the current key.
        Assert.Contains($";{rotated.Current.Id};", Zending.Of(rotated, RijBuilder.Omzetting()).Verzegeling.Split('\n')[0]);
    }

    [Fact]
    public void ASealFromBeforeKeyIdsStillVerifies()
    {
        var key = Engine.TestSealer.Current;
        var sent = Zending.Of(RijBuilder.Omzetting());
        var body = sent.SealLines.Skip(1).ToList();
        var head = $"MAV1;{sent.WerkboekId};1";
        var legacy = Seal.Join([$"{head};{key.Mac(16, ["zegel", head, .. body])}", .. body]);
        Assert.NotNull(Seal.Verify(legacy, Engine.TestSealer));
    }

    [Fact]
    public async Task AfterARotationWorkbooksAndMarksMadeWithTheEarlierKeyStillCount()
    {
        var zending = Zending.Of(RijBuilder.Omzetting().With(Column.Einddatum2023, "30-06-2023"));
        var row = zending.Rows[0];
        var mark = Akkoordcode.Code(Engine.TestSealer, zending.WerkboekId, row[Column.RegelId].AsText(), row);
        var returned = zending.Returned([Zending.Copy(row, (Column.Akkoordcode, mark))]);
        using var api = new MigratieApi(("Verzegeling:Sleutel", Sterk), ("Verzegeling:VorigeSleutels:0", VerzegelingOptions.DevelopmentSleutel));
        var client = api.CreateClient();
        var response = await client.PostAsync("/api/omzetting?formaat=csv", Bestand.Upload(returned, FormatApi.XlsxType, "terug.xlsx"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(";nieuw;", await response.Content.ReadAsStringAsync());
        var fresh = await client.PostAsync("/api/akkoord", Zending.AkkoordBody(row, zending.Verzegeling));
        Assert.Contains($"AK2.{new SealKey(Encoding.UTF8.GetBytes(Sterk)).Id}.", await fresh.Content.ReadAsStringAsync());
    }
}
