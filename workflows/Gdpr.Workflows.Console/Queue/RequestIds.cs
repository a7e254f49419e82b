using System.Text.RegularExpressions;

namespace Gdpr.Workflows.WebConsole.Queue;

/// <summary>
/// The request ids the console accepts in a route or a search: intake's (<c>req-20250301-...</c>) and any other of
/// letters, digits and <c>. _ : -</c>, starting with a letter or digit, so an id can never read as a command-line option
/// or response file when it is handed to the CLI.
/// </summary>
public static partial class RequestIds
{
    public static bool IsWellFormed(string? text) => text is not null && Pattern().IsMatch(text);

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,199}$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
