using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace MigratieAddin.Tests;

/// <summary>Independent readers of generated workbooks: LibreOffice (soffice) and openpyxl through Debian's python3.
/// bash .ci/run installs both (libreoffice-calc, python3-openpyxl).</summary>
public static class ExternalReaders
{
    private const string Soffice = "/usr/bin/soffice";
    private const string DebianPython = "/usr/bin/python3";

    /// <summary>Every sheet exported by LibreOffice as CSV (`;`, UTF-8, as shown): sheet name to rows of fields.</summary>
    public static Dictionary<string, List<string[]>> LibreOfficeSheets(byte[] xlsx)
    {
        Assert.True(File.Exists(Soffice), "LibreOffice ontbreekt: installeer libreoffice-calc (bash .ci/run doet dat).");
        var folder = Directory.CreateTempSubdirectory("lo-test-");
        try
        {
            var input = Path.Combine(folder.FullName, "werkboek.xlsx");
            File.WriteAllBytes(input, xlsx);
            var profile = new Uri(Path.Combine(folder.FullName, "profiel")).AbsoluteUri; // one profile per run, or parallel runs hang
            Run(Soffice, [$"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to",
                "csv:Text - txt - csv (StarCalc):59,34,76,1,,0,false,true,false,false,false,-1", "--outdir", folder.FullName, input], TimeSpan.FromSeconds(120));
            return Directory.GetFiles(folder.FullName, "werkboek-*.csv").ToDictionary(
                f => Path.GetFileNameWithoutExtension(f)["werkboek-".Length..],
                f => MigratieAddin.Api.SemicolonCsv.Read(new StringReader(File.ReadAllText(f, Encoding.UTF8))).Select(r => r.Fields).ToList());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The workbook as openpyxl reads it: sheet name to rows of values (dates as yyyy-mm-dd, numbers as numbers).</summary>
    public static JsonElement Openpyxl(byte[] xlsx)
    {
        Assert.True(File.Exists(DebianPython), "Debians python3 ontbreekt.");
        var folder = Directory.CreateTempSubdirectory("openpyxl-test-");
        try
        {
            var input = Path.Combine(folder.FullName, "werkboek.xlsx");
            File.WriteAllBytes(input, xlsx);
            const string script = """
                import json, sys, datetime, openpyxl
                wb = openpyxl.load_workbook(sys.argv[1])
                def value(v):
                    if isinstance(v, datetime.datetime): return v.date().isoformat()
                    return v
                out = {"sheets": wb.sheetnames, "data": {}, "formats": {}, "hidden": {}, "freeze": {}, "filter": {}, "validations": {}, "conditional": {}, "headerHeight": {}, "widths": {}, "merged": {}, "heights": {}, "wrapped": {}}
                for ws in wb.worksheets:
                    out["data"][ws.title] = [[value(c.value) for c in row] for row in ws.iter_rows()]
                    out["formats"][ws.title] = [[c.number_format for c in row] for row in ws.iter_rows(min_row=2, max_row=2)]
                    out["hidden"][ws.title] = [k for k, d in ws.column_dimensions.items() if d.hidden]
                    out["freeze"][ws.title] = ws.freeze_panes
                    out["filter"][ws.title] = ws.auto_filter.ref
                    out["validations"][ws.title] = [str(v.formula1) for v in ws.data_validations.dataValidation]
                    out["conditional"][ws.title] = sum(len(r.rules) for r in ws.conditional_formatting)
                    out["headerHeight"][ws.title] = ws.row_dimensions[1].height
                    out["widths"][ws.title] = {k: d.width for k, d in ws.column_dimensions.items()}
                    out["merged"][ws.title] = [str(r) for r in ws.merged_cells.ranges]
                    out["heights"][ws.title] = {str(k): d.height for k, d in ws.row_dimensions.items() if d.height}
                    out["wrapped"][ws.title] = [c.coordinate for row in ws.iter_rows() for c in row if c.value and c.alignment.wrap_text]
                print(json.dumps(out))
                """;
            var stdout = Run(DebianPython, ["-c", script, input], TimeSpan.FromSeconds(60));
            return JsonDocument.Parse(stdout).RootElement.Clone();
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Runs a Python script with Debian's python3 (openpyxl) on a workbook and returns the workbook it saved.</summary>
    public static byte[] EditWithOpenpyxl(byte[] xlsx, string script)
    {
        Assert.True(File.Exists(DebianPython), "Debians python3 ontbreekt.");
        var folder = Directory.CreateTempSubdirectory("openpyxl-edit-");
        try
        {
            var path = Path.Combine(folder.FullName, "werkboek.xlsx");
            File.WriteAllBytes(path, xlsx);
            Run(DebianPython, ["-c", "import sys, openpyxl\nwb = openpyxl.load_workbook(sys.argv[1])\n" + script + "\nwb.save(sys.argv[1])", path], TimeSpan.FromSeconds(60));
            return File.ReadAllBytes(path);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>Opens and saves the workbook in LibreOffice (Calc MS Excel 2007 XML), as a user of LibreOffice would.</summary>
    public static byte[] ResaveWithLibreOffice(byte[] xlsx)
    {
        Assert.True(File.Exists(Soffice), "LibreOffice ontbreekt: installeer libreoffice-calc (bash .ci/run doet dat).");
        var folder = Directory.CreateTempSubdirectory("lo-resave-");
        try
        {
            var input = Path.Combine(folder.FullName, "in", "werkboek.xlsx");
            Directory.CreateDirectory(Path.GetDirectoryName(input)!);
            File.WriteAllBytes(input, xlsx);
            var profile = new Uri(Path.Combine(folder.FullName, "profiel")).AbsoluteUri;
            Run(Soffice, [$"-env:UserInstallation={profile}", "--headless", "--norestore", "--convert-to", "xlsx:Calc MS Excel 2007 XML", "--outdir", folder.FullName, input], TimeSpan.FromSeconds(120));
            return File.ReadAllBytes(Path.Combine(folder.FullName, "werkboek.xlsx"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private static string Run(string file, string[] args, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args) start.ArgumentList.Add(a);
        start.Environment.Remove("PYTHONPATH");
        start.Environment.Remove("PYTHONHOME");
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail($"{Path.GetFileName(file)} did not finish within {timeout.TotalSeconds} s");
        }
        Assert.True(process.ExitCode == 0, $"{Path.GetFileName(file)} failed: {stderr.Result}");
        return stdout.Result;
    }
}
