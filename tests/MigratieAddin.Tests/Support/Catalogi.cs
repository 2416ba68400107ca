using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>The example catalogues shipped under api/Catalogus: IJsselland 2022 to 2023 (embedded) and the invented
/// Beekdal 2026 to 2027, so tests can run over both.</summary>
public static class Catalogi
{
    public static readonly TheoryData<string> Alle = new("ijsselland", "beekdal");

    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "catalogi", name);

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Catalogus> Loaded = new();

    /// <summary>The catalogue, loaded once per test run (a catalogue is read-only after loading).</summary>
    public static Catalogus Load(string name) => Loaded.GetOrAdd(name, n => CatalogusLoader.LoadFromFolder(Folder(n)));
}
