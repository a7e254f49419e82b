using System.CommandLine;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary>
/// <c>gdpr reply &lt;id&gt; [--html]</c>: the reply sent to the requester (Art. 12(3)/(4)), as delivered to the data
/// directory's <c>replies/</c> folder; with <c>--json</c> also the hash the audit trail recorded for it.
/// </summary>
public sealed class ReplyCommand
{
    private readonly Argument<string> id = new("id") { Description = "The request id." };
    private readonly Option<bool> html = new("--html") { Description = "Print the HTML version instead of the text." };

    public Command Build(RunCommand run)
    {
        var command = new Command("reply", "Show the reply sent to the requester when the request closed or was refused: what was erased, kept and why, who was told, and their right to complain.")
        {
            id, html,
        };
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    /// <summary>The text of the reply delivered locally for the request, or null.</summary>
    public static string? ReadDelivered(LocalHost host, string requestId) =>
        host.Services.Replies is FileReplyDelivery files ? files.ReadText(requestId) : null;

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var requestId = context.Value(id)!;
        await using var host = await context.OpenLocalAsync(engine: false, cancellationToken);
        _ = await host.Services.Status.GetAsync(requestId, cancellationToken); // checks the id, and that the request exists
        var files = host.Services.Replies as FileReplyDelivery;
        var path = files is null ? null : context.Value(html) ? files.HtmlFile(requestId) : files.TextFile(requestId);
        if (path is null || !File.Exists(path))
        {
            throw new NotFoundException($"No reply has been sent for request {requestId} yet: it is sent when the request closes or is refused.");
        }

        var content = await File.ReadAllTextAsync(path, cancellationToken);
        var sent = (await host.Services.Audit.ReadAsync(requestId, cancellationToken)).LastOrDefault(e => e.Type.Name == "ReplySent");
        if (context.Json)
        {
            context.Output.WriteJson(new
            {
                requestId,
                format = context.Value(html) ? "html" : "text",
                reply = content,
                sha256 = sent?.Details.GetValueOrDefault("sha256"),
                templateVersion = sent?.Details.GetValueOrDefault("templateVersion"),
            });
        }
        else
        {
            context.Output.Line(content.TrimEnd());
        }

        return ExitCodes.Ok;
    }
}
