using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Hosting.HttpApi;

namespace Gdpr.Workflows.Functions.Intake;

/// <summary>
/// IntakeFunction, <c>POST /requests</c> with <c>{identifiers: [{kind, value, key?}], channel, requesterAuthenticated?,
/// idempotencyKey?, jurisdiction?, receivedAt?}</c>, only those fields (channel defaults to "api"; receivedAt: when the
/// request arrived, an ISO date or date-time, never in the future; default now) (or the key in an
/// <c>Idempotency-Key</c> header). Answers 201 for a new request, 200
/// for a repeated submission, with ids, status and dates only: the identifiers go to the vault and are never echoed.
/// </summary>
public sealed class IntakeFunction(IntakeService intake) : IJsonFunction
{
    /// <summary>The channel of a submission that names none.</summary>
    public const string DefaultChannel = "api";

    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        HttpApiFunction.RunAsync(payload, async request =>
        {
            var body = HttpApiBody.Of(request.JsonBody(), "identifiers", "channel", "requesterAuthenticated", "idempotencyKey", "jurisdiction", "receivedAt");
            var submission = new IntakeSubmission(
                Identifiers(body.Array("identifiers") ?? throw new InvalidInputException("'identifiers' is required: an array of {kind, value} (and key for kind keyed).")),
                body.Text("channel") ?? DefaultChannel,
                body.Bool("requesterAuthenticated") ?? false,
                body.Text("idempotencyKey") ?? request.Headers.GetValueOrDefault("idempotency-key"),
                body.Text("jurisdiction"),
                body.Text("receivedAt") is { } received ? ArrivalText.Instant(received, "receivedAt") : null);
            var result = await intake.SubmitAsync(submission, cancellationToken);
            return HttpApiResponses.Json(result.Created ? 201 : 200, new JsonObject
            {
                ["requestId"] = result.RequestId,
                ["created"] = result.Created,
                ["status"] = result.Status.Name(),
                ["dueDate"] = result.DueDate?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                ["dueDateIsProvisional"] = result.DueDateIsProvisional,
                ["executionId"] = result.ExecutionId,
            });
        }, cancellationToken);

    private static List<IdentifierInput> Identifiers(JsonArray items) =>
        items.Select((item, i) =>
        {
            var identifier = HttpApiBody.Nested(item, $"identifiers[{i}]", "kind", "value", "key");
            return new IdentifierInput(identifier.RequiredText("kind"), identifier.RequiredText("value"), identifier.Text("key"));
        }).ToList();
}
