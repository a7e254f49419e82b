using Gdpr.Workflows.Local;
using Gdpr.Workflows.WebConsole;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>
/// The console mounted on <c>gdpr serve</c>'s web app (registered as a singleton so serve can print the first
/// sign-in link once the app is mapped).
/// </summary>
public sealed class ConsoleMount
{
    private ConsoleApp? console;

    /// <summary>The mapped console; throws before <see cref="Map"/> ran.</summary>
    public ConsoleApp Console => console ?? throw new InvalidOperationException("The console is not mapped yet.");

    /// <summary>Maps the console's routes over the app's running host and tokens.</summary>
    public void Map(WebApplication app)
    {
        var host = app.Services.GetRequiredService<LocalHost>();
        console = app.MapConsole(new ConsoleOptions
        {
            Host = host,
            Tokens = app.Services.GetRequiredService<ApiTokens>(),
            Cli = new ConsoleCommandLine(host),
            Time = host.Services.Time,
        });
    }

    /// <summary>A one-time officer sign-in URL on <paramref name="serverUrl"/> for <paramref name="name"/>.</summary>
    public string OfficerLink(Uri serverUrl, string name)
    {
        string path;
        try
        {
            path = Console.SignInPath(new ApiPrincipal(ApiRole.Officer), name);
        }
        catch (ArgumentException)
        {
            // $USER that is no display name (control characters, too long): the role stands in for it.
            path = Console.SignInPath(new ApiPrincipal(ApiRole.Officer), "officer");
        }

        return new Uri(serverUrl, path.TrimStart('/')).ToString();
    }
}
