using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// The routes of async systems (erasure-task contract v1): their open tasks (long poll), their answers one at a time or
/// in a batch, and the contract's schemas themselves. A task's subject is <see cref="FunctionRoutes"/>' (the Tasks function).
/// </summary>
internal sealed class TaskRoutes(LocalHost host)
{
    private readonly FunctionRoutes functions = new(host);

    /// <summary>The longest long poll, in seconds (as SQS's ReceiveMessage).</summary>
    public const int MaxWaitSeconds = 20;

    public IEnumerable<ApiRoute> Routes()
    {
        yield return new ApiRoute("POST", "/tasks/callback", [ApiRole.System], CallbackAsync);
        yield return new ApiRoute("POST", "/tasks/answers", [ApiRole.System], BatchAsync);
        yield return new ApiRoute("GET", "/tasks", [ApiRole.System, ApiRole.Officer], TasksAsync);
        yield return new ApiRoute("GET", "/contracts/erasure-task/v1/{file}", [ApiRole.System, ApiRole.Officer, ApiRole.Auditor], SchemaAsync);
    }

    /// <summary>
    /// A system sees its own tasks, each a task message (task.schema.json) with its state and times (the Tasks function's
    /// answer, as deployed); an officer sees every system's, without tokens. <c>?wait=N</c> (0 to 20 seconds) holds the call until a task arrives.
    /// </summary>
    private async Task<ApiAnswer> TasksAsync(ApiCall call)
    {
        if (call.Principal.Role == ApiRole.System)
        {
            // Answered as deployed: the Tasks function on the host's inbox (the long poll wakes when a task arrives).
            return await functions.SystemTasksAsync(call);
        }

        call.Query("system", "wait");
        var system = call.QueryValue("system");
        var wait = call.QueryValue("wait") is { } text
            ? int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) && seconds <= MaxWaitSeconds
                ? TimeSpan.FromSeconds(seconds)
                : throw new InvalidInputException($"'wait' must be a whole number of seconds from 0 to {MaxWaitSeconds}.")
            : TimeSpan.Zero;
        return new ApiAnswer(200, TaskViews.List(await host.Tasks.WaitForOpenAsync(system, wait, host.Services.Time, call.CancellationToken), withTokens: false));
    }

    private async Task<ApiAnswer> CallbackAsync(ApiCall call)
    {
        call.NoQuery();
        var response = await host.Answers.AnswerAsync(call.Principal.System!, await call.BodyAsync(), call.CancellationToken);
        return new ApiAnswer(response.Status, response.Body);
    }

    private async Task<ApiAnswer> BatchAsync(ApiCall call)
    {
        call.NoQuery();
        var response = await host.Answers.AnswerBatchAsync(call.Principal.System!, await call.BodyAsync(), call.CancellationToken);
        return new ApiAnswer(response.Status, response.Body);
    }

    private Task<ApiAnswer> SchemaAsync(ApiCall call)
    {
        call.NoQuery();
        var file = call.Http.Request.RouteValues["file"] as string ?? string.Empty;
        var schema = ContractSchemas.Find(file)
            ?? throw new NotFoundException($"No schema {file} in the erasure-task contract v{ErasureTaskContract.Version}: {string.Join(", ", ContractSchemas.Files)}.");
        return Task.FromResult(new ApiAnswer(200, schema));
    }
}
