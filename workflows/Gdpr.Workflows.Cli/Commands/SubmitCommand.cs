using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Commands;

/// <summary><c>gdpr submit</c>: records an erasure request and starts its workflow.</summary>
public sealed class SubmitCommand
{
    private readonly Option<string[]> email = new("--email") { Description = "The subject's email address (repeatable).", AllowMultipleArgumentsPerToken = false };
    private readonly Option<string[]> customerId = new("--customer-id") { Description = "The subject's customer id (repeatable)." };
    private readonly Option<string[]> phone = new("--phone") { Description = "The subject's phone number, international (+44...) or UK national (repeatable)." };
    private readonly Option<string?> received = new("--received") { Description = "When the request arrived: an ISO date or date-time (default: now). The deadline counts from it.", HelpName = "date" };
    private readonly Option<string?> channel = new("--channel") { Description = "How it arrived: a short code such as email, web-form, phone (default: email)." };
    private readonly Option<bool> authenticated = new("--authenticated") { Description = "The requester was already authenticated (e.g. logged in): no identity check, the clock starts on receipt." };
    private readonly Option<string?> idempotencyKey = new("--idempotency-key") { Description = "Your key for this submission: submitting again with it returns the first request." };
    private readonly Option<string?> jurisdiction = new("--jurisdiction") { Description = "Whose bank holidays count: uk-ew (England and Wales), uk-sct (Scotland) or uk-ni (Northern Ireland); default the data directory's setting (uk-ew).", HelpName = "code" };
    private readonly Option<string?> ground = new("--ground") { Description = "The Art. 17(1) ground the requester relies on, a to f (optional; f: data collected from a child for an online service).", HelpName = "a-f" };
    private readonly Option<string?> file = new("--file") { Description = "A JSON file with the request: {\"identifiers\": [{\"kind\": \"email\", \"value\": ...}], \"received\", \"channel\", \"authenticated\", \"idempotencyKey\"}, or {\"email\", \"customerId\", \"phone\", ...}.", HelpName = "path" };

    public Command Build(RunCommand run)
    {
        var command = new Command("submit", "Record an erasure request (Art. 17) and start its workflow; prints the request id and the deadline.")
        {
            email, customerId, phone, received, channel, authenticated, idempotencyKey, jurisdiction, file,
        };
        command.Options.Add(ground);
        command.SetAction((parse, ct) => run(parse, context => ExecuteAsync(context, ct), ct));
        return command;
    }

    private async Task<int> ExecuteAsync(CommandContext context, CancellationToken cancellationToken)
    {
        var submission = Read(context);
        var receivedAt = submission.Received is { } text ? Arguments.Instant(text, "--received") : (DateTimeOffset?)null;
        var now = context.Environment.Time.GetUtcNow();
        if (receivedAt > now && DateOnly.FromDateTime(receivedAt.Value.UtcDateTime) > DateOnly.FromDateTime(now.UtcDateTime))
        {
            throw CliException.BadInput($"--received {submission.Received} is in the future.", "Give the date the request arrived, today or earlier.");
        }

        var intakeSubmission = new IntakeSubmission(submission.Identifiers, submission.Channel ?? "email", submission.Authenticated, submission.IdempotencyKey, context.Value(jurisdiction), receivedAt);

        // Bad input is exit 2 before the engine is taken: while another process runs it, that is exit 4 otherwise.
        Local.Composition.LocalServices.ValidateSubmission(intakeSubmission);
        var claimed = context.Value(ground);
        if (claimed is not null)
        {
            ClaimedGroundService.Parse(claimed); // a ground other than a to f is exit 2, before anything is recorded
        }

        await using var lease = await context.OpenForChangeAsync(engine: true, cancellationToken);
        var host = lease.Host;
        var result = await host.Services.Intake.SubmitAsync(intakeSubmission, cancellationToken);
        context.Log(result.RequestId, result.Created ? $"received; workflow {result.ExecutionId}" : "submitted before: the first request is returned");
        if (claimed is not null)
        {
            await host.Services.ClaimedGround.RecordAsync(result.RequestId, claimed, context.Officer, cancellationToken);
        }

        await EngineRun.SettleAsync(host, cancellationToken);
        var status = await host.Services.Status.GetAsync(result.RequestId, cancellationToken);

        if (context.Json)
        {
            context.Output.WriteJson(new
            {
                requestId = result.RequestId,
                deadline = CliOutput.Date(status.Deadline.DueDate ?? result.DueDate),
                provisional = status.Deadline.Provisional,
                status = status.Status,
                created = result.Created,
                jurisdiction = status.Jurisdiction,
                receivedOn = CliOutput.Date(status.Deadline.ReceivedOn),
            });
            return ExitCodes.Ok;
        }

        context.Output.Line(result.Created ? $"Request {result.RequestId} recorded." : $"Request {result.RequestId} was submitted before; nothing new was recorded.");
        context.Output.Fields(
        [
            ("Status", status.Status),
            ("Deadline", CliOutput.Date(status.Deadline.DueDate) + (status.Deadline.Provisional ? " (provisional: the clock starts when identity is verified)" : string.Empty)),
        ]);
        if (status.Verification.State == "Awaiting")
        {
            context.Output.Line($"Next: verify the requester's identity with 'gdpr verify {result.RequestId} --method <how>'.");
        }

        return ExitCodes.Ok;
    }

    private Submission Read(CommandContext context)
    {
        var identifiers = new List<IdentifierInput>();
        identifiers.AddRange((context.Value(email) ?? []).Select(v => new IdentifierInput("email", v)));
        identifiers.AddRange((context.Value(customerId) ?? []).Select(v => new IdentifierInput("customer_id", v)));
        identifiers.AddRange((context.Value(phone) ?? []).Select(v => new IdentifierInput("phone", v)));
        var submission = new Submission(identifiers, context.Value(received), context.Value(channel), context.Value(authenticated), context.Value(idempotencyKey));
        if (context.Value(file) is { } path)
        {
            submission = FromFile(context, path, submission);
        }

        if (submission.Identifiers.Count == 0)
        {
            throw CliException.BadInput("No subject identifier given.", "Give at least one of --email, --customer-id, --phone, or --file <request.json>.");
        }

        return submission;
    }

    private static Submission FromFile(CommandContext context, string path, Submission fromOptions)
    {
        JsonObject json;
        try
        {
            json = JsonNode.Parse(context.ReadFile(path)) as JsonObject
                ?? throw CliException.BadInput($"{path} does not hold a JSON object.", "See 'gdpr submit --help' for the file's shape.");
        }
        catch (FileNotFoundException)
        {
            throw CliException.NotFound($"The file {path} does not exist.", "Check the path given to --file.");
        }
        catch (JsonException e)
        {
            throw CliException.BadInput($"{path} is not valid JSON: {e.Message}", "See 'gdpr submit --help' for the file's shape.");
        }

        var identifiers = new List<IdentifierInput>(fromOptions.Identifiers);
        if (json["identifiers"] is JsonArray array)
        {
            foreach (var (item, index) in array.Select((item, index) => (item, index)))
            {
                var kind = Text(item?["kind"]) ?? throw CliException.BadInput($"{path}: identifiers[{index}] has no \"kind\".", "Each identifier is {\"kind\": \"email\"|\"phone\"|\"customer_id\", \"value\": \"...\"}.");
                var value = Text(item?["value"]) ?? throw CliException.BadInput($"{path}: identifiers[{index}] has no \"value\".", "Each identifier is {\"kind\": ..., \"value\": \"...\"}.");
                identifiers.Add(new IdentifierInput(kind, value, Text(item?["key"])));
            }
        }

        foreach (var (field, kind) in new[] { ("email", "email"), ("customerId", "customer_id"), ("customer_id", "customer_id"), ("phone", "phone") })
        {
            switch (json[field])
            {
                case JsonArray values:
                    identifiers.AddRange(values.Select(v => new IdentifierInput(kind, Text(v) ?? string.Empty)));
                    break;
                case JsonNode value when Text(value) is { } text:
                    identifiers.Add(new IdentifierInput(kind, text));
                    break;
            }
        }

        return new Submission(
            identifiers,
            fromOptions.Received ?? Text(json["received"]) ?? Text(json["receivedAt"]),
            fromOptions.Channel ?? Text(json["channel"]),
            fromOptions.Authenticated || json["authenticated"]?.GetValueKind() == JsonValueKind.True || json["requesterAuthenticated"]?.GetValueKind() == JsonValueKind.True,
            fromOptions.IdempotencyKey ?? Text(json["idempotencyKey"]));
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;

    private sealed record Submission(List<IdentifierInput> Identifiers, string? Received, string? Channel, bool Authenticated, string? IdempotencyKey);
}
