using System.CommandLine;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr console [--role officer|auditor|system:NAME] [--name N]</c>: a fresh one-time sign-in link to the console of the
/// running <c>gdpr serve</c> (valid 10 minutes, usable once), asked from it with the officers' token; the link is the last line.
/// </summary>
public sealed class ConsoleCommand
{
    private readonly Option<string> role = new("--role") { Description = "Who signs in: officer, auditor or system:<name> (a registered system's people, who answer its tasks).", DefaultValueFactory = _ => "officer" };
    private readonly Option<string?> name = new("--name") { Description = "The name shown in the console and recorded with an officer's actions (default: --officer, else $USER)." };

    public Command Build(RunCommand run)
    {
        var command = new Command("console", "Print a one-time sign-in link to the web console of the running 'gdpr serve' (valid 10 minutes, usable once).") { role, name };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var server = (context.Aws ? ServeStackConsole.Running(context.Home) : ServeForwarder.RunningServer(context.Home))
            ?? throw CliException.Conflict($"gdpr serve{(context.Aws ? " --aws" : string.Empty)} is not running for the data directory {context.Home.Directory}.", $"Start it with 'gdpr serve{(context.Aws ? " --aws --api-url URL" : string.Empty)}'; it prints a sign-in link itself.");
        var token = ApiTokens.LoadOrCreate(context.Home, systems: []).Officer;
        var who = context.Value(name) is { Length: > 0 } given ? given : context.Officer;
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(new Uri(server.Url), "console/links"))
        {
            Content = JsonContent.Create(new JsonObject { ["role"] = context.Value(role), ["name"] = who }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        JsonObject answer;
        int status;
        try
        {
            using var response = await http.SendAsync(request, cancellationToken);
            status = (int)response.StatusCode;
            answer = await response.Content.ReadFromJsonAsync<JsonObject>(CliJson.Options, cancellationToken) ?? [];
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException or System.Text.Json.JsonException && !cancellationToken.IsCancellationRequested)
        {
            throw CliException.Conflict($"gdpr serve at {server.Url} did not answer: {e.Message}", "Check that it still runs, or restart it.");
        }

        if (answer["url"]?.GetValue<string>() is not { } url)
        {
            var message = answer["error"]?["message"]?.GetValue<string>() ?? $"HTTP {status}";
            throw status == 400 ? CliException.BadInput(message, "e.g. gdpr console --role auditor") : CliException.Conflict($"gdpr serve refused: {message}", "Is it a version with the console? Restart it.");
        }

        if (context.Json)
        {
            context.Output.WriteJson(new { url });
            return ExitCodes.Ok;
        }

        context.Output.Line($"Sign-in link for {context.Value(role)} ({who}); valid 10 minutes, works once:");
        context.Output.Line(url);
        return ExitCodes.Ok;
    }
}
