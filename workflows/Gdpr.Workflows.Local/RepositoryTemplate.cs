namespace Gdpr.Workflows.Local;

/// <summary>Finds the repository's <c>template.yaml</c>, which the local host deploys as <c>sam deploy</c> would.</summary>
public static class RepositoryTemplate
{
    public const string SolutionFile = "Gdpr.Workflows.sln";
    public const string TemplateFile = "template.yaml";

    /// <summary>
    /// <paramref name="explicitPath"/> when given (it must exist); else the template.yaml beside Gdpr.Workflows.sln,
    /// found by walking up from the current directory, then from where the program is installed.
    /// </summary>
    /// <exception cref="FileNotFoundException">Nothing found; the message says what to do.</exception>
    public static string Find(string? explicitPath = null, string? startDirectory = null)
    {
        if (explicitPath is { Length: > 0 })
        {
            var full = Path.GetFullPath(explicitPath);
            return File.Exists(full)
                ? full
                : throw new FileNotFoundException($"The template {full} does not exist: pass --template with the path of the repository's template.yaml.", full);
        }

        foreach (var start in new[] { startDirectory ?? Environment.CurrentDirectory, AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var template = Path.Combine(directory.FullName, TemplateFile);
                if (File.Exists(Path.Combine(directory.FullName, SolutionFile)) && File.Exists(template))
                {
                    return template;
                }
            }
        }

        throw new FileNotFoundException(
            $"Cannot find {TemplateFile}: no directory above '{startDirectory ?? Environment.CurrentDirectory}' holds {SolutionFile}. "
            + "Run gdpr inside the Gdpr.Workflows repository, or pass --template <path to template.yaml>.");
    }
}
