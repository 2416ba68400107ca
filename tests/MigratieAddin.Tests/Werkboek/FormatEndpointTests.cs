using System.IO.Compression;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MigratieAddin.Api;
using MimeKit;

namespace MigratieAddin.Tests;

public class FormatEndpointTests
{
    private static readonly byte[] DemoCsv = File.ReadAllBytes(DemoExport.Path);
    private const string Contacts = """[{"voornaam":"Anna","achternaam":"de Vries","email":"a.devries@zwolle.example","telefoon":"038-1234567","rol":"Contractmanager jeugd"}]""";

    private static MultipartFormDataContent Upload(byte[] csv, string? contacts = null) =>
        Bestand.Upload(csv, "text/csv", "lopende-toewijzingen.csv", contacts);

    private static async Task<(HttpStatusCode Status, byte[] Body, string? Type, string? Detail)> Post(string url, HttpContent content, params (string, string)[] settings)
    {
        using var api = new MigratieApi(settings);
        var response = await api.CreateClient().PostAsync(url, content);
        var body = await response.Content.ReadAsByteArrayAsync();
        var type = response.Content.Headers.ContentType?.MediaType;
        string? detail = type == "application/problem+json" ? JsonDocument.Parse(body).RootElement.GetProperty("detail").GetString() : null;
        return (response.StatusCode, body, type, detail);
    }

    [Fact]
    public async Task AnUploadedCsvExportBecomesTheFormatWorkbook()
    {
        var (status, body, type, _) = await Post("/api/format", Upload(DemoCsv, Contacts));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(FormatApi.XlsxType, type);
        Assert.Empty(Workbooks.ValidationErrors(body));
        Assert.Equal(67, Workbooks.Sheet(body, FormatWorkbook.Toewijzingen).Count);
        Assert.Equal("Anna", Workbooks.Sheet(body, FormatWorkbook.Contactpersonen)[2][1].Text);
    }

    [Fact]
    public async Task JsonRowsBecomeTheFormatWorkbook()
    {
        const string json = """{"rijen":[{"waarden":{"gemeentecode":193,"bsn":12345672,"naam":"X","geboortedatum":40000}}],"contactpersonen":[]}""";
        var (status, body, _, _) = await Post("/api/format", new StringContent(json, Encoding.UTF8, "application/json"));
        Assert.Equal(HttpStatusCode.OK, status);
        var row = Workbooks.Sheet(body, FormatWorkbook.Toewijzingen)[2];
        Assert.Equal("0193", row[0].Text);
        Assert.Equal("012345672", row[3].Text);
    }

    [Theory]
    [InlineData("\uFEFFGemeentecode;BSN jeugdige;Naam jeugdige\n0193;999925702;\"De Vries; Jan \"\"JJ\"\"\"\n\n0150;999971669;Piet\n")]
    [InlineData("gemeentecode;bsn;naam\r\n0193;999925702;\"De Vries; Jan \"\"JJ\"\"\"\r\n0150;999971669;Piet\r\n")]
    public async Task ACsvWithOrWithoutBomWithKeysOrHeadersQuotesAndEmptyLinesIsRead(string csv)
    {
        var (status, body, _, _) = await Post("/api/format", Upload(Encoding.UTF8.GetBytes(csv)));
        Assert.Equal(HttpStatusCode.OK, status);
        var sheet = Workbooks.Sheet(body, FormatWorkbook.Toewijzingen);
        Assert.Equal(3, sheet.Count);
        Assert.Equal("De Vries; Jan \"JJ\"", sheet[2][Column.Naam.Position()].Text);
        Assert.Equal("0150", sheet[3][Column.Gemeentecode.Position()].Text);
    }

    [Fact]
    public async Task UnknownHeadersAreNamedByColumnLetterNeverByTheirText()
    {
        var (status, _, type, detail) = await Post("/api/format", Upload(Encoding.UTF8.GetBytes("0193;999925702;Sanne Hendriks\n")));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("application/problem+json", type);
        Assert.Contains("A, B, C", detail);
        Assert.DoesNotContain("999925702", detail);
        Assert.DoesNotContain("Sanne", detail);
    }

    [Theory]
    [InlineData(new byte[] { 0x47, 0x65, 0x6D, 0x3B, 0xE9, 0x0A }, "UTF-8")]
    [InlineData(new byte[] { 0x00, 0x01, 0x02, 0x03 }, "binaire")]
    [InlineData(new byte[] { 0x50, 0x4B, 0x03, 0x04, 0x14 }, "Excel-bestand")]
    [InlineData(new byte[] { }, "leeg")]
    public async Task AFileThatIsNotAUtf8CsvGetsADutchProblem(byte[] bytes, string expected)
    {
        var (status, _, _, detail) = await Post("/api/format", Upload(bytes));
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, detail);
    }

    [Fact]
    public async Task AnUploadWithoutFileSaysWhichFieldToUse()
    {
        var form = new MultipartFormDataContent { { new StringContent("x"), "iets" } };
        var (status, _, _, detail) = await Post("/api/format", form);
        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'bestand'", detail);
    }

    [Fact]
    public async Task AnotherContentTypeIsA415Problem()
    {
        var (status, _, type, _) = await Post("/api/format", new StringContent("x", Encoding.UTF8, "text/plain"));
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, status);
        Assert.Equal("application/problem+json", type);
    }

    [Fact]
    public async Task FiftyThousandRowsAreAcceptedAndOneMoreIsA413()
    {
        var csv = new StringBuilder("Gemeentecode;BSN jeugdige;Toewijzingnummer;Naam jeugdige\n");
        for (var i = 0; i < 50_000; i++) csv.Append("0193;").Append(TestBsn.Make(i % 5000)).Append(';').Append(300_000_000 + i).Append(";=HYPERLINK(\"x\")\n");
        var (ok, body, _, _) = await Post("/api/format", Upload(Encoding.UTF8.GetBytes(csv.ToString())));
        Assert.Equal(HttpStatusCode.OK, ok);
        Assert.Equal(50_001, Workbooks.Sheet(body, FormatWorkbook.Toewijzingen).Count);
        csv.Append("0193;999925702;1;X\n");
        var (tooMany, _, _, detail) = await Post("/api/format", Upload(Encoding.UTF8.GetBytes(csv.ToString())));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooMany);
        Assert.Contains("50.000", detail);
    }

    [Fact]
    public async Task AnUploadOverTheLimitIsA413Problem()
    {
        var big = new byte[27 * 1024 * 1024];
        Array.Fill(big, (byte)'a');
        var (status, _, type, _) = await Post("/api/format", Upload(big), ("Limieten:Format:MaxBytes", (26 * 1024 * 1024).ToString()));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, status);
        Assert.Equal("application/problem+json", type);
    }

    [Fact]
    public async Task PerAanbiederGivesAWorkbookAndAMailDraftPerGemeenteAndAanbieder()
    {
        var (status, body, type, _) = await Post("/api/format/per-aanbieder", Upload(DemoCsv, Contacts));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/zip", type);
        using var zip = new ZipArchive(new MemoryStream(body));
        var names = zip.Entries.Select(e => e.FullName).ToList();
        Assert.Contains(PerAanbieder.Overzicht, names);
        Assert.Contains("Zwartewaterland/Theta Jeugd en Gezin 98000088.xlsx", names);
        Assert.Contains("Zwartewaterland/Theta Jeugd en Gezin 98000088.eml", names);
        var demoNames = DemoExport.Rows().Select(r => r[Column.Naam].Text!).ToList();
        Assert.All(names, n => Assert.DoesNotContain(demoNames, d => n.Contains(d)));
        Assert.All(names, n => Assert.DoesNotMatch("\\d{9}", n));

        var workbooks = zip.Entries.Where(e => e.Name.EndsWith(".xlsx")).ToList();
        var sentRows = 0;
        foreach (var entry in workbooks)
        {
            using var s = new MemoryStream();
            entry.Open().CopyTo(s);
            Assert.Empty(Workbooks.ValidationErrors(s.ToArray()));
            var rows = Workbooks.Sheet(s.ToArray(), FormatWorkbook.Toewijzingen).Skip(1).ToList();
            sentRows += rows.Count;
            Assert.Single(rows.Select(r => (r.Value[0].Text, r.Value[1].Text)).Distinct());
        }
        Assert.Equal(66 - 5, sentRows); // the 5 demo rows with a fout stay home; the 18-plus (overleg) goes
    }

    [Fact]
    public async Task LeftOutRowsAreListedWithTheirReasonNeverSilentlyDropped()
    {
        var (_, body, _, _) = await Post("/api/format/per-aanbieder", Upload(DemoCsv));
        using var zip = new ZipArchive(new MemoryStream(body));
        var overzicht = new StreamReader(zip.GetEntry(PerAanbieder.Overzicht)!.Open()).ReadToEnd();
        var notSent = overzicht.Split('\n').Where(l => l.StartsWith("nee;")).ToList();
        Assert.Equal(5, notSent.Count);
        Assert.Contains(notSent, l => l.Contains("AANBIEDER_NIET_GEGUND"));
        Assert.Contains(notSent, l => l.Contains("PRODUCT2022_GGZ"));
        Assert.Contains(notSent, l => l.Contains("BSN_ONGELDIG"));
        foreach (var name in DemoExport.Rows().Select(r => r[Column.Naam].Text!)) Assert.DoesNotContain(name, overzicht);
        foreach (var bsn in DemoExport.Rows().Select(r => r[Column.Bsn].Text!)) Assert.DoesNotContain(bsn, overzicht);
    }

    [Fact]
    public async Task TheMailDraftIsUnsentToTheAanbiederWithTheLetterAndTheWorkbook()
    {
        var (_, body, _, _) = await Post("/api/format/per-aanbieder", Upload(DemoCsv, Contacts));
        using var zip = new ZipArchive(new MemoryStream(body));
        var message = MimeMessage.Load(zip.GetEntry("Zwartewaterland/Theta Jeugd en Gezin 98000088.eml")!.Open());
        Assert.Equal("1", message.Headers["X-Unsent"]);
        Assert.Equal("backoffice@theta-jg.example", message.To.Mailboxes.Single().Address);
        Assert.Equal("a.devries@zwolle.example", message.From.Mailboxes.Single().Address);
        Assert.Contains("gemeente Zwartewaterland", message.Subject);
        var text = message.TextBody!;
        Assert.Contains("uiterlijk 23 december 2022", text);
        Assert.Contains("Anna de Vries, Contractmanager jeugd, a.devries@zwolle.example, 038-1234567", text);
        Assert.Contains("intensiteit en de duur", text);
        Assert.Contains("Contactpersonen", text);
        var attachment = Assert.Single(message.Attachments.OfType<MimePart>());
        Assert.Equal("Theta Jeugd en Gezin 98000088.xlsx", attachment.FileName);
        using var content = new MemoryStream();
        attachment.Content!.DecodeTo(content);
        Assert.Equal([.. FormatWorkbook.Tabs(Engine.EmbeddedCatalogus.Regio), Seal.Sheet], Workbooks.SheetNames(content.ToArray()));
    }

    [Fact]
    public async Task TheOverviewSaysWhatWillBeSentToWhomBeforeAnythingIsMade()
    {
        var (status, body, type, _) = await Post("/api/format/per-aanbieder?formaat=overzicht", Upload(DemoCsv));
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("application/json", type);
        var root = JsonDocument.Parse(body).RootElement;
        var theta = root.GetProperty("zendingen").EnumerateArray().Single(z => z.GetProperty("gemeente").GetString() == "Zwartewaterland" && z.GetProperty("agb").GetString() == "98000088");
        Assert.Equal("backoffice@theta-jg.example", theta.GetProperty("email").GetString());
        Assert.Equal(5, root.GetProperty("nietVerzonden").GetArrayLength());
        Assert.Equal(JsonValueKind.Array, root.GetProperty("nietVerzonden")[0].GetProperty("redenen").ValueKind);
    }

    [Fact]
    public void CsvTextThatASpreadsheetWouldRunIsNeutralised()
    {
        Assert.Equal("'=1+1", CsvText.Field("=1+1"));
        Assert.Equal("\"'@x;y\"", CsvText.Field("@x;y"));
        Assert.Equal("gewoon", CsvText.Field("gewoon"));
    }
}
