using Microsoft.Extensions.Options;

namespace MigratieAddin.Api;

/// <summary>How much one batch of returned workbooks may hold together: the bounds of a single workbook hold for the batch as a whole.</summary>
public sealed class BatchOptions
{
    /// <summary>Most workbooks in one request.</summary>
    public int MaxBestanden { get; set; } = 100;
    /// <summary>Most bytes of all workbooks together (by default what one workbook may be).</summary>
    public long MaxBytes { get; set; } = 64L * 1024 * 1024;
    /// <summary>Most rows on the Toewijzingen tabs of all workbooks together (by default what one workbook may hold).</summary>
    public int MaxRijen { get; set; } = 50_000;
}

/// <summary>The rows all workbooks of a batch may still hold together.</summary>
public sealed class RowBudget(int max)
{
    public int Max { get; } = max;
    public int Left { get; private set; } = max;
    public void Spend(int rows) => Left -= rows;
}

/// <summary>Returned workbooks as the features that check and convert them receive them: the limits on one workbook and on a
/// batch (checked at start), the upload limiter, and reading one workbook of a batch within what the batch has left.</summary>
public static class Werkboeken
{
    public const string SealRefused =
        "De verzegeling van dit werkboek klopt niet (gewijzigd, uit een ander werkboek of beschadigd). Het wordt niet omgezet. Gebruik het werkboek dat de gemeente stuurde.";

    public static IServiceCollection AddWerkboeken(this IServiceCollection services)
    {
        services.AddOptions<WerkboekOptions>().BindConfiguration("Limieten:Werkboek")
            .Tussen("Limieten:Werkboek:MaxBytes", o => o.MaxBytes, 25 * Instellingen.MB, Instellingen.MaxVerzoek, bytes: true,
                waarom: "een werkboek van 20.000 rijen moet passen")
            .Tussen("Limieten:Werkboek:MaxRijen", o => o.MaxRijen, 20_000, 1_000_000)
            .Tussen("Limieten:Werkboek:MaxOnderdelen", o => o.MaxOnderdelen, 20, 100_000, waarom: "een werkboek van Excel heeft er zo'n 15")
            .Tussen("Limieten:Werkboek:MaxUitgepakt", o => o.MaxUitgepakt, 64 * Instellingen.MB, 4096 * Instellingen.MB, bytes: true)
            .Tussen("Limieten:Werkboek:MaxVerhouding", o => o.MaxVerhouding, 10, 10_000)
            .Tussen("Limieten:Werkboek:MaxDiepte", o => o.MaxDiepte, 20, 1000, waarom: "dieper kan de stack laten overlopen")
            .Tussen("Limieten:Werkboek:MaxCellen", o => o.MaxCellen, 1, int.MaxValue)
            .Tussen("Limieten:Werkboek:MaxGedeeldeTeksten", o => o.MaxGedeeldeTeksten, 1, int.MaxValue)
            .Tussen("Limieten:Werkboek:GelijktijdigeUploads", o => o.GelijktijdigeUploads, 1, 1000)
            .ValidateOnStart();
        services.AddOptions<BatchOptions>().BindConfiguration("Limieten:Batch")
            .Validate(o => o.MaxBestanden >= 2, "Limieten:Batch:MaxBestanden moet minstens 2 zijn.")
            .Validate(o => o.MaxBytes >= 25L * 1024 * 1024 && o.MaxRijen >= 20_000, "Limieten:Batch moet minstens 25 MB en 20.000 rijen toelaten.")
            .ValidateOnStart();
        services.AddSingleton<UploadLimiet>();
        return services;
    }

    /// <summary>One workbook of a batch read within its own limits and what is left of the batch's rows, or the Dutch reason it
    /// cannot be read (the same text the single-workbook route answers). Rows beyond the batch's total refuse the whole request (413).</summary>
    public static (ReturnedWorkbook? Werkboek, string Reden) ReadOfBatch(UploadedFile file, WerkboekOptions limits, RegioSettings regio, RowBudget rows,
        CancellationToken ct)
    {
        if (file.Bytes.Length > limits.MaxBytes)
            return (null, Invariant($"Dit werkboek is groter dan {limits.MaxBytes / (1024 * 1024)} MB, meer dan de API per werkboek verwerkt. Splits het werkboek."));
        var budget = Math.Min(limits.MaxRijen, rows.Left);
        try
        {
            var read = ReturnedWorkbook.Read(file.Bytes, limits.WithMaxRijen(budget), regio, ct);
            rows.Spend(read.Rows.Count);
            return (read, "");
        }
        catch (WorkbookException e) when (e.Status == StatusCodes.Status413PayloadTooLarge && budget < limits.MaxRijen)
        {
            throw new RequestException(StatusCodes.Status413PayloadTooLarge,
                $"De werkboeken hebben samen meer dan {Dutch.Getal(rows.Max)} rijen. Stuur ze in kleinere groepjes.");
        }
        catch (WorkbookException e)
        {
            return (null, e.Message);
        }
    }
}
