using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Cli.Commands;
using Gdpr.Workflows.Cli.Infrastructure;
using Gdpr.Workflows.Cli.Output;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Hosting.HttpApi;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>The routes about requests only the local host has (the deployed ones are <see cref="FunctionRoutes"/>): list, audit verify.</summary>
internal sealed class RequestRoutes(LocalHost host)
{
    public IEnumerable<ApiRoute> Routes()
    {
        yield return new ApiRoute("GET", "/requests", [ApiRole.Officer, ApiRole.Auditor], ListAsync);
        yield return new ApiRoute("GET", "/audit/verify", [ApiRole.Auditor, ApiRole.Officer], AuditVerifyAsync);
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

    internal static JsonNode? ToNode<T>(T value) => JsonSerializer.SerializeToNode(value, CliJson.Options);
}
