using System.Runtime.CompilerServices;

namespace Gdpr.Workflows.Engine.Tests.Sam;

/// <summary>Fixture paths (read from the source tree, so the project file needs no copy rules) and throwaway templates.</summary>
internal static class SamTestFiles
{
    public static string Fixture(string relativePath, [CallerFilePath] string callerFile = "") =>
        Path.Combine(Path.GetDirectoryName(callerFile)!, "Fixtures", relativePath);
}

/// <summary>A template (and any side files) in a fresh temporary folder, deleted on dispose.</summary>
internal sealed class TempTemplate : IDisposable
{
    public TempTemplate(string templateYaml, params (string RelativePath, string Text)[] files)
    {
        Folder = Path.Combine(Path.GetTempPath(), "sam-tests-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Folder);
        TemplatePath = Path.Combine(Folder, "template.yaml");
        File.WriteAllText(TemplatePath, templateYaml);
        foreach (var (relativePath, text) in files)
        {
            var full = Path.Combine(Folder, relativePath);
            Directory.CreateDirectory(Path.GetDirectoryName(full)!);
            File.WriteAllText(full, text);
        }
    }

    public string Folder { get; }

    public string TemplatePath { get; }

    /// <summary>A template with the SAM transform, the given other sections, then the given Resources entries.</summary>
    public static TempTemplate WithResources(string resourcesYaml, string otherSections = "", params (string RelativePath, string Text)[] files) =>
        new($"Transform: AWS::Serverless-2016-10-31\n{otherSections}\nResources:\n{resourcesYaml}\n", files);

    public void Dispose() => Directory.Delete(Folder, recursive: true);
}
