using MigratieAddin.Api;

namespace MigratieAddin.Tests;

/// <summary>The example catalogues shipped under api/Catalogus: IJsselland 2022 to 2023 (embedded) and the invented
/// Beekdal 2026 to 2027, so tests can run over both.</summary>
public static class Catalogi
{
    public static readonly TheoryData<string> Alle = new("ijsselland", "beekdal");

    public static string Folder(string name) => Path.Combine(AppContext.BaseDirectory, "catalogi", name);

    public static Catalogus Load(string name) => CatalogusLoader.LoadFromFolder(Folder(name));
}
