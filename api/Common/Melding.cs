using System.Text.Json.Serialization;

namespace MigratieAddin.Api;

/// <summary>How serious a melding is; a row's status is its most serious melding.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Ernst>))]
public enum Ernst
{
    [JsonStringEnumMemberName("info")] Info,
    [JsonStringEnumMemberName("onvolledig")] Onvolledig,
    [JsonStringEnumMemberName("overleg")] Overleg,
    [JsonStringEnumMemberName("fout")] Fout,
}

/// <summary>fout beats overleg beats onvolledig beats ok.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Status>))]
public enum Status
{
    [JsonStringEnumMemberName("ok")] Ok,
    [JsonStringEnumMemberName("onvolledig")] Onvolledig,
    [JsonStringEnumMemberName("overleg")] Overleg,
    [JsonStringEnumMemberName("fout")] Fout,
}

[JsonConverter(typeof(JsonStringEnumConverter<Fase>))]
public enum Fase
{
    [JsonStringEnumMemberName("gemeente")] Gemeente,
    [JsonStringEnumMemberName("aanbieder")] Aanbieder,
    [JsonStringEnumMemberName("controle")] Controle,
}

/// <summary>One melding: rule code, severity, the column key it concerns (null for the whole row or
/// workbook) and a Dutch text that never repeats a BSN, a name or a birth date.</summary>
public sealed record Melding(string Code, Ernst Ernst, string? Kolom, string Tekst);

public static class StatusOf
{
    /// <summary>The row's status: its most serious melding (info counts as ok).</summary>
    public static Status Meldingen(IReadOnlyList<Melding> meldingen)
    {
        var status = Status.Ok;
        for (var i = 0; i < meldingen.Count; i++) // by index: no enumerator per row
        {
            var s = meldingen[i].Ernst switch
            {
                Ernst.Fout => Status.Fout,
                Ernst.Overleg => Status.Overleg,
                Ernst.Onvolledig => Status.Onvolledig,
                _ => Status.Ok,
            };
            if (s > status) status = s;
        }
        return status;
    }
}
