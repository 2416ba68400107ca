using System.Net.Http.Headers;

namespace MigratieAddin.Tests;

public static class Bestand
{
    /// <summary>An upload as the upload routes take it: the file in the form field 'bestand'.</summary>
    public static MultipartFormDataContent Upload(byte[] bytes, string contentType, string fileName = "bestand", string? contactpersonen = null)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue(contentType);
        form.Add(file, "bestand", fileName);
        if (contactpersonen is not null) form.Add(new StringContent(contactpersonen), "contactpersonen");
        return form;
    }
}
