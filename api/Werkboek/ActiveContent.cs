using System.IO.Packaging;

namespace MigratieAddin.Api;

/// <summary>What in a workbook package can run, call out or pull in something from elsewhere: macros, external links
/// and DDE, OLE objects, ActiveX controls and data connections. The write-back refuses such a workbook rather than
/// strip it, because half-stripped references (formulas into a removed link, a shape without its object) make Excel
/// repair the file.</summary>
public static class ActiveContent
{
    private const string Macros = "macro's (VBA of Excel 4.0-macro's)";
    private const string Links = "koppelingen naar andere bestanden of programma's (externe koppelingen of DDE)";
    private const string Objects = "ingesloten of gekoppelde objecten (OLE)";
    private const string Controls = "ActiveX-besturingselementen";
    private const string Connections = "gegevensverbindingen";

    // Relationship types by their last segment (the transitional, strict and Microsoft namespaces end alike).
    private static readonly Dictionary<string, string> Relationships = new(StringComparer.OrdinalIgnoreCase)
    {
        ["vbaProject"] = Macros,
        ["vbaProjectSignature"] = Macros,
        ["wordVbaData"] = Macros,
        ["xlMacrosheet"] = Macros,
        ["xlIntlMacrosheet"] = Macros,
        ["extensibility"] = Macros,
        ["externalLink"] = Links,
        ["externalLinkPath"] = Links,
        ["oleObject"] = Objects,
        ["package"] = Objects,
        ["control"] = Controls,
        ["activeXControlBinary"] = Controls,
        ["connections"] = Connections,
        ["queryTable"] = Connections,
    };

    // Content types, also for parts nothing points to (they would still ride along in the copied package).
    private static readonly (string Fragment, string Kind)[] ContentTypes =
    [
        ("macroEnabled", Macros), ("vbaProject", Macros), ("vbaData", Macros), ("macrosheet", Macros),
        ("externalLink", Links), ("oleObject", Objects), ("activeX", Controls),
        ("spreadsheetml.connections", Connections), ("spreadsheetml.queryTable", Connections),
    ];

    private const string Hyperlink = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink";

    /// <summary>The kinds of active content in the package, in Dutch, each once; empty when there is none.</summary>
    public static IReadOnlyList<string> Find(Package package)
    {
        var kinds = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var relationship in package.GetRelationships()) Judge(relationship, kinds);
        foreach (var part in package.GetParts())
        {
            foreach (var (fragment, kind) in ContentTypes)
                if (part.ContentType.Contains(fragment, StringComparison.OrdinalIgnoreCase)) kinds.Add(kind);
            if (PackUriHelper.IsRelationshipPartUri(part.Uri)) continue;
            foreach (var relationship in part.GetRelationships()) Judge(relationship, kinds);
        }
        return [.. kinds];
    }

    /// <summary>"a, b en c".</summary>
    public static string List(IReadOnlyList<string> kinds) =>
        kinds.Count == 1 ? kinds[0] : string.Join(", ", kinds.Take(kinds.Count - 1)) + " en " + kinds[^1];

    private static void Judge(PackageRelationship relationship, SortedSet<string> kinds)
    {
        var type = relationship.RelationshipType;
        if (Relationships.TryGetValue(type[(type.LastIndexOf('/') + 1)..], out var kind)) kinds.Add(kind);
        // Anything else fetched from outside (a linked picture, a linked OLE source) is a link; a hyperlink waits for a click.
        else if (relationship.TargetMode == TargetMode.External && type != Hyperlink) kinds.Add(Links);
    }
}
