using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Hosting.HttpApi;

namespace Gdpr.Workflows.Functions.Deadline;

/// <summary>
/// DeadlineFunction, the officers' deadline actions, recorded as the calling principal:
/// <list type="bullet">
/// <item><c>POST /requests/{requestId}/extension</c> <c>{months: 1|2, reason: complex|numerous, detail?, toldOn?}</c>
/// (Art. 12(3), told on toldOn, default today): the request as <see cref="ExtendedStatusJson"/>.</item>
/// <item><c>POST /requests/{requestId}/pause</c> <c>{reason, askedOn?}</c>: the clock stops while clarification is awaited
/// (where Art. 12A allows it, else 409).</item>
/// <item><c>POST /requests/{requestId}/resume</c> <c>{answeredOn?}</c> or no body: the clock restarts.</item>
/// </list>
/// Pause and resume answer the status view, as <c>GET /requests/{requestId}</c>.
/// </summary>
public sealed class DeadlineFunction(DeadlineService deadline) : IJsonFunction
{
    public Task<JsonNode?> HandleAsync(JsonNode? payload, CancellationToken cancellationToken) =>
        HttpApiFunction.RunAsync(payload, async request =>
        {
            var (id, officer) = (request.RequestId(), request.Caller);
            var action = request.RawPath[(request.RawPath.LastIndexOf('/') + 1)..];
            var body = action switch
            {
                "extension" => HttpApiBody.Of(request.JsonBody(), "months", "reason", "detail", "toldOn"),
                "pause" => HttpApiBody.Of(request.JsonBody(), "reason", "askedOn"),
                "resume" => HttpApiBody.Of(request.JsonBody(optional: true), "answeredOn"),
                _ => throw new NotFoundException($"There is no deadline action '{action}': extension, pause or resume."),
            };
            if (action == "extension")
            {
                var months = body.WholeNumber("months", 1, 2) ?? throw new InvalidInputException("'months' is required: 1 or 2.");
                var extended = await deadline.ExtendToldAsync(id, months, body.RequiredText("reason"), body.Text("detail"), Day(body, "toldOn"), officer, cancellationToken);
                return HttpApiResponses.Json(200, ExtendedStatusJson.Of(extended));
            }

            var view = action == "pause"
                ? await deadline.PauseAsync(id, body.RequiredText("reason"), Day(body, "askedOn"), officer, cancellationToken)
                : await deadline.ResumeAsync(id, Day(body, "answeredOn"), officer, cancellationToken);
            return HttpApiResponses.Json(200, JsonSerializer.SerializeToNode(view, DeadlineJsonContext.Default.RequestStatusView));
        }, cancellationToken);

    private static DateOnly? Day(HttpApiBody body, string field) => body.Text(field) is { } text ? ArrivalText.Day(text, field) : null;
}
