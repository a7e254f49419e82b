using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Commands;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>The routes about requests (functions/README.md "Contracts (API)"), and the local ones for officers and auditors.</summary>
internal sealed class RequestRoutes(LocalHost host)
{
    public IEnumerable<ApiRoute> Routes()
    {
        yield return new ApiRoute("POST", "/requests", [ApiRole.Officer], SubmitAsync);
        yield return new ApiRoute("GET", "/requests", [ApiRole.Officer, ApiRole.Auditor], ListAsync);
        yield return new ApiRoute("GET", "/requests/{id}", [ApiRole.Officer, ApiRole.Auditor], StatusAsync);
        yield return new ApiRoute("GET", "/requests/{id}/history", [ApiRole.Officer, ApiRole.Auditor], HistoryAsync);
        yield return new ApiRoute("POST", "/requests/{id}/cancel", [ApiRole.Officer], CancelAsync);
        yield return new ApiRoute("POST", "/requests/{id}/verification", [ApiRole.Officer], VerificationAsync);
        yield return new ApiRoute("POST", "/requests/{id}/extension", [ApiRole.Officer], ExtensionAsync);
        yield return new ApiRoute("GET", "/audit/verify", [ApiRole.Auditor, ApiRole.Officer], AuditVerifyAsync);
    }

    private async Task<ApiAnswer> SubmitAsync(ApiCall call)
    {
        call.NoQuery();
        var body = ApiBody.Of(await call.BodyAsync(), "identifiers", "channel", "requesterAuthenticated", "idempotencyKey", "jurisdiction", "receivedAt");
        var items = body.Array("identifiers") ?? throw new InvalidInputException("'identifiers' is required: an array of {kind, value} (and key for kind keyed).");
        var identifiers = items.Select((item, i) =>
        {
            var identifier = ApiBody.Nested(item, $"identifiers[{i}]", "kind", "value", "key");
            return new IdentifierInput(identifier.RequiredString("kind"), identifier.RequiredString("value"), identifier.String("key"));
        }).ToList();
        var submission = new IntakeSubmission(
            identifiers,
            body.String("channel") ?? "api",
            body.Bool("requesterAuthenticated") ?? false,
            body.String("idempotencyKey"),
            body.String("jurisdiction"),
            body.String("receivedAt") is { } received ? ArrivalText.Instant(received, "receivedAt") : null);
        var result = await host.Services.Intake.SubmitAsync(submission, call.CancellationToken);
        return new ApiAnswer(201, ToNode(new
        {
            requestId = result.RequestId,
            created = result.Created,
            status = result.Status.ToString(),
            deadline = result.DueDate is { } due ? CliOutput.Date(due) : null,
            provisional = result.DueDateIsProvisional,
            executionId = result.ExecutionId,
        }));
    }

    private async Task<ApiAnswer> ListAsync(ApiCall call)
    {
        call.Query("status", "pageSize", "next");
        var size = StatusService.DefaultPageSize;
        if (call.QueryValue("pageSize") is { } sizeText && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size is < 1 or > IRequestStore.MaxPageSize))
        {
            throw new InvalidInputException($"'pageSize' must be a whole number from 1 to {IRequestStore.MaxPageSize}.");
        }

        var next = call.QueryValue("next");
        var page = call.QueryValue("status") is { } statusName
            ? await host.Services.Status.ListByStatusAsync(
                Erasure.Requests.RequestStatuses.TryParse(statusName, out var status) ? status : throw new InvalidInputException("'status' is not a request status."),
                size, next, call.CancellationToken)
            : await host.Services.Status.ListOpenAsync(size, next, call.CancellationToken);
        return new ApiAnswer(200, ToNode(new { items = page.Items, next = page.ContinuationToken }));
    }

    private async Task<ApiAnswer> StatusAsync(ApiCall call)
    {
        call.NoQuery();
        return new ApiAnswer(200, ToNode(StatusCommand.Json(await host.Services.Status.GetAsync(call.RequestId, call.CancellationToken))));
    }

    private async Task<ApiAnswer> HistoryAsync(ApiCall call)
    {
        call.NoQuery();
        return new ApiAnswer(200, ToNode(await host.Services.History.GetAsync(call.RequestId, call.CancellationToken)));
    }

    private async Task<ApiAnswer> CancelAsync(ApiCall call)
    {
        call.NoQuery();
        var body = ApiBody.Of(await call.BodyAsync(), "reason", "officer");
        var cancelled = await host.Services.Cancel.CancelAsync(call.RequestId, Actor(body), body.String("reason"), call.CancellationToken);
        return new ApiAnswer(200, ToNode(new { requestId = cancelled.RequestId, status = cancelled.Status.ToString(), cancelledNow = cancelled.CancelledNow, workflow = cancelled.Workflow.ToString() }));
    }

    private async Task<ApiAnswer> VerificationAsync(ApiCall call)
    {
        call.NoQuery();
        var body = ApiBody.Of(await call.BodyAsync(), "verified", "method", "reason", "officer");
        var verified = body.Bool("verified") ?? throw new InvalidInputException("'verified' is required: true (with 'method') or false (with 'reason').");
        var code = verified ? body.RequiredString("method") : body.RequiredString("reason");
        return new ApiAnswer(200, ToNode(await host.Services.TaskCallbacks.DecideIdentityAsync(call.RequestId, verified, code, Actor(body), call.CancellationToken)));
    }

    private async Task<ApiAnswer> ExtensionAsync(ApiCall call)
    {
        call.NoQuery();
        var body = ApiBody.Of(await call.BodyAsync(), "months", "reason", "detail", "toldOn", "officer");
        var months = body.Int("months", 1, 2) ?? throw new InvalidInputException("'months' is required: 1 or 2.");
        var toldOn = body.String("toldOn") is { } told ? ArrivalText.Day(told, "toldOn") : host.Services.Deadlines.Day(host.Services.Time.GetUtcNow());
        var view = await host.Services.Deadline.ExtendAsync(call.RequestId, new ExtensionRequest(months, body.RequiredString("reason"), body.String("detail"), toldOn), Actor(body), call.CancellationToken);
        return new ApiAnswer(200, ToNode(StatusCommand.Json(view)));
    }

    private async Task<ApiAnswer> AuditVerifyAsync(ApiCall call)
    {
        call.Query("request");
        var target = ApiCall.Id(call.QueryValue("request") ?? throw new InvalidInputException("?request=<id> is required."));
        var chain = await host.Services.Audit.VerifyAsync(target, cancellationToken: call.CancellationToken);
        if (chain.EventCount == 0)
        {
            throw new NotFoundException($"There is no audit trail for request {target}.");
        }

        return new ApiAnswer(200, ToNode(new { requestId = target, verified = chain.Ok, events = chain.EventCount, chainBreak = chain.Break?.Description }));
    }

    private static string Actor(ApiBody body) => body.String("officer") ?? "api";

    internal static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, CliJson.Options);
}
