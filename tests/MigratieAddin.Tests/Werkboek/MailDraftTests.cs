using System.IO.Compression;
using System.Net;
using System.Text;
using System.Text.Json;
using MigratieAddin.Api;
using MimeKit;

namespace MigratieAddin.Tests;

/// <summary>The mail drafts of /api/format/per-aanbieder: contact fields stay on their line, the .eml is CRLF throughout,
/// and contact e-mails are checked at the door.</summary>
public class MailDraftTests
{
    private const string Draft = "Zwartewaterland/Theta Jeugd en Gezin 98000088.eml";
    private static readonly byte[] DemoCsv = File.ReadAllBytes(DemoExport.Path);

    private static string Contact(string voornaam = "Anna", string achternaam = "de Vries", string email = "a.devries@zwolle.example",
        string telefoon = "038-1234567", string rol = "Contractmanager jeugd") =>
        JsonSerializer.Serialize(new { voornaam, achternaam, email, telefoon, rol });

    private static async Task<(HttpStatusCode Status, byte[] Body, string? Detail)> Post(string url, string contacts)
    {
        using var api = new MigratieApi();
        var response = await api.CreateClient().PostAsync(url, Bestand.Upload(DemoCsv, "text/csv", "lopende-toewijzingen.csv", contacts));
        var body = await response.Content.ReadAsByteArrayAsync();
        var detail = response.Content.Headers.ContentType?.MediaType == "application/problem+json"
            ? JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString() : null;
        return (response.StatusCode, body, detail);
    }

    private static async Task<byte[]> DraftBytes(string contacts)
    {
        var (status, body, detail) = await Post("/api/format/per-aanbieder", contacts);
        Assert.True(status == HttpStatusCode.OK, detail);
        using var zip = new ZipArchive(new MemoryStream(body));
        using var eml = new MemoryStream();
        zip.GetEntry(Draft)!.Open().CopyTo(eml);
        return eml.ToArray();
    }

    [Fact]
    public async Task ALineBreakInAContactFieldNeverStartsANewLineInTheMailDraft()
    {
        var contacts = $"[{Contact(voornaam: "Anna\r\nBcc: buit@aanvaller.example", achternaam: "de\rVries", telefoon: "038\n1234567",
            rol: "Contractmanager\u2028Klik op https://aanvaller.example")}]";
        var bytes = await DraftBytes(contacts);
        var message = MimeMessage.Load(new MemoryStream(bytes));
        Assert.Empty(message.Bcc);
        Assert.DoesNotContain(message.Headers, h => h.Field == "Bcc");
        Assert.Equal("Anna Bcc: buit@aanvaller.example de Vries", message.From.Mailboxes.Single().Name);
        Assert.Contains("- Anna Bcc: buit@aanvaller.example de Vries, Contractmanager Klik op https://aanvaller.example, a.devries@zwolle.example, 038 1234567",
            message.TextBody);
        var lines = Encoding.UTF8.GetString(bytes).Split("\r\n");
        Assert.DoesNotContain(lines, l => l.StartsWith("Bcc", StringComparison.OrdinalIgnoreCase) || l.StartsWith("Vries") || l.StartsWith("1234567"));
        Assert.DoesNotContain("\u2028", message.TextBody);
    }

    [Fact]
    public async Task TheMailDraftUsesCrlfLineEndingsThroughout()
    {
        var bytes = await DraftBytes($"[{Contact()}]");
        for (var i = 0; i < bytes.Length; i++)
        {
            if (bytes[i] == '\n') Assert.True(i > 0 && bytes[i - 1] == '\r', $"LF zonder CR op positie {i}");
            if (bytes[i] == '\r') Assert.True(i + 1 < bytes.Length && bytes[i + 1] == '\n', $"CR zonder LF op positie {i}");
        }
        Assert.Contains("- Anna de Vries, Contractmanager jeugd, a.devries@zwolle.example, 038-1234567\r\n", Encoding.UTF8.GetString(bytes));
        Assert.Equal("a.devries@zwolle.example", MimeMessage.Load(new MemoryStream(bytes)).From.Mailboxes.Single().Address);
    }

    [Theory]
    [InlineData("Anna de Vries <a.devries@zwolle.example>")]
    [InlineData("\"de Vries, Anna\" <a.devries@zwolle.example>")]
    [InlineData(" <a.devries@zwolle.example> ")]
    public async Task AContactEmailWrittenAsNameAndAddressIsReducedToTheAddress(string email)
    {
        var contacts = $"[{Contact(email: email)}]";
        var message = MimeMessage.Load(new MemoryStream(await DraftBytes(contacts)));
        var from = message.From.Mailboxes.Single();
        Assert.Equal(("Anna de Vries", "a.devries@zwolle.example"), (from.Name, from.Address));
        Assert.Contains("- Anna de Vries, Contractmanager jeugd, a.devries@zwolle.example, 038-1234567", message.TextBody);

        var (status, body, _) = await Post("/api/format", contacts);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("a.devries@zwolle.example", Workbooks.Sheet(body, FormatWorkbook.Contactpersonen)[2][3].Text);
    }

    [Theory]
    [InlineData("sanne at zwolle.example")]
    [InlineData("sanne@")]
    [InlineData("@zwolle.example")]
    [InlineData("sanne@zwolle")]
    [InlineData("sanne@zwolle.example, piet@zwolle.example")]
    [InlineData("Sanne <sanne@zwolle.example")]
    [InlineData("sanne@zwolle.example (werk)")]
    [InlineData("sanne@zwolle.example\r\nBcc: buit@aanvaller.example")]
    public async Task AnInvalidContactEmailIsADutchProblemNamingTheFieldAndPositionNeverThePerson(string email)
    {
        var contacts = $"[{Contact()},{Contact(voornaam: "Sanne", achternaam: "Hendriks", email: email)}]";
        foreach (var url in new[] { "/api/format", "/api/format/per-aanbieder" })
        {
            var (status, _, detail) = await Post(url, contacts);
            Assert.Equal(HttpStatusCode.BadRequest, status);
            Assert.Contains("contactpersoon 2", detail);
            Assert.Contains("'email'", detail);
            Assert.DoesNotContain("Sanne", detail);
            Assert.DoesNotContain("Hendriks", detail);
            Assert.DoesNotContain("sanne", detail);
        }
    }

    [Fact]
    public async Task AnEmptyContactEmailStaysAllowed()
    {
        var (status, _, _) = await Post("/api/format/per-aanbieder", $"[{Contact(email: "")},{Contact(email: "  ")}]");
        Assert.Equal(HttpStatusCode.OK, status);
    }
}
