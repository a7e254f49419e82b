using System.Net;
using System.Text.Json;
using Gdpr.Workflows.Cli.Http;
using Gdpr.Workflows.Local;
using Gdpr.Workflows.WebConsole;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>
/// <c>gdpr serve --aws</c>: the console on this machine over a deployed stack (<see cref="AwsConsoleBackend"/>), on
/// <see cref="StackConsoleHost"/>. Sign-in is as locally: a one-time officer link printed at start, fresh links from
/// <c>gdpr console --aws</c> (found through serve-aws.json in the data directory, asked with the officers' local token).
/// </summary>
public static class ServeStackConsole
{
    /// <summary>Where <c>gdpr serve --aws</c> says it listens (not serve.json: it holds no engine, so nothing is forwarded to it).</summary>
    public const string InfoFile = "serve-aws.json";

    public static async Task<int> RunAsync(CommandContext context, IPAddress ip, ServeTls? tls, int port, StackConsoleChoices choices, Action<string?, string> log, CancellationToken cancellationToken)
    {
        await using var stack = await AwsConsoleBackend.OpenAsync(context, choices.ApiUrl, choices.SubjectKey, choices.Stage, cancellationToken);
        var home = context.Home;
        Directory.CreateDirectory(home.Directory);
        var tokens = ApiTokens.LoadOrCreate(home, systems: []);
        await using var server = await StackConsoleHost.StartAsync(
            new ConsoleOptions { Backend = stack.Backend, Cli = stack.Backend.Cli, Tokens = tokens, Time = context.Environment.Time, Https = tls is not null },
            stack.Tables, ip, port, tls, log, cancellationToken);
        var infoFile = Path.Combine(home.Directory, InfoFile);
        await File.WriteAllTextAsync(infoFile, JsonSerializer.Serialize(new ServeInfo(server.Url.ToString(), Environment.ProcessId), JsonSerializerOptions.Web), cancellationToken);
        try
        {
            var link = OfficerLink(server, context.Officer);
            if (context.Json)
            {
                context.Output.WriteJson(new { url = server.Url.ToString(), console = link, api = stack.Backend.Deployed, home = home.Directory, registry = stack.Backend.RegistrySource });
            }
            else
            {
                context.Output.Line($"gdpr serve --aws: the console of the deployed stack (API {stack.Backend.Deployed}) on {server.Url}; nothing is served publicly.");
                context.Output.Line(stack.Backend.Stack!.Describe(stack.Backend.RegistrySource));
                if (stack.Backend.Registry is null)
                {
                    context.Output.Line("  Pages show the systems each request lists; pass --stage (the stack's stage) or --registry <systems.yaml> to show the registry.");
                }

                context.Output.Line($"Console: {link}");
                context.Output.Line("  (a one-time officer sign-in link, valid 10 minutes; 'gdpr console --aws [--role auditor]' prints a fresh one)");
                context.Output.Line("Stop with Ctrl+C.");
            }

            context.Output.Writer.Flush();
            await server.RunAsync(cancellationToken);
        }
        finally
        {
            File.Delete(infoFile);
        }

        return ExitCodes.Ok;
    }

    /// <summary>What serve --aws was told about the stack: its API URL, subject-hash key and stage (each may come from the environment instead).</summary>
    public sealed record StackConsoleChoices(string? ApiUrl, string? SubjectKey, string? Stage);

    /// <summary>The running <c>gdpr serve --aws</c> of <paramref name="home"/>, or null.</summary>
    public static ServeInfo? Running(GdprHome home)
    {
        try
        {
            var info = JsonSerializer.Deserialize<ServeInfo>(File.ReadAllText(Path.Combine(home.Directory, InfoFile)), JsonSerializerOptions.Web);
            return info is not null && IsAlive(info.ProcessId) ? info : null;
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string OfficerLink(StackConsoleHost server, string name)
    {
        string path;
        try
        {
            path = server.Console.SignInPath(new ApiPrincipal(ApiRole.Officer), name);
        }
        catch (ArgumentException)
        {
            path = server.Console.SignInPath(new ApiPrincipal(ApiRole.Officer), "officer");
        }

        return new Uri(server.Url, path.TrimStart('/')).ToString();
    }

    private static bool IsAlive(int processId)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
