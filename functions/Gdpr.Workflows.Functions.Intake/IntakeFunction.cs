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
/// idempotencyKey?, jurisdiction?, receivedAt?}</c> (receivedAt: when the request arrived, an ISO date or date-time, never
/// in the future; default now) (or the key in an <c>Idempotency-Key</c> header). Answers 201 for a new request, 200
/// for a repeated submission, with ids, status and dates only: the identifiers go to the vault and are never echoed.
/// </summary>
public sealed class IntakeFunction(IntakeService intake) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        HttpApiFunction.RunAsync(payload, async request =>
        {
            var body = request.JsonBody();
            var submission = new IntakeSubmission(
                Identifiers(JsonPayload.RequiredArray(body, "identifiers")),
                JsonPayload.RequiredString(body, "channel"),
                JsonPayload.OptionalBool(body, "requesterAuthenticated") ?? false,
                JsonPayload.OptionalString(body, "idempotencyKey") ?? request.Headers.GetValueOrDefault("idempotency-key"),
                JsonPayload.OptionalString(body, "jurisdiction"),
                JsonPayload.OptionalString(body, "receivedAt") is { } received ? ArrivalText.Instant(received, "receivedAt") : null);
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

    private static List<IdentifierInput> Identifiers(JsonArray items)
    {
        var identifiers = new List<IdentifierInput>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var item = JsonPayload.RequireObject(items[i], $"identifiers[{i}]");
            identifiers.Add(new IdentifierInput(
                JsonPayload.OptionalString(item, "kind") ?? throw new InvalidInputException($"identifiers[{i}].kind is required."),
                JsonPayload.OptionalString(item, "value") ?? throw new InvalidInputException($"identifiers[{i}].value is required."),
                JsonPayload.OptionalString(item, "key")));
        }

        return identifiers;
    }
}
