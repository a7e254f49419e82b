using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Integrations;

/// <summary>An integration served by a C# delegate for one exact resource ARN: in-process handlers, tests, benchmarks.</summary>
public sealed class DelegateTaskIntegration(string resource, Func<TaskInvocation, CancellationToken, Task<JsonNode?>> handler) : ITaskIntegration
{
    public bool CanHandle(string resource) => string.Equals(Resource, resource, StringComparison.Ordinal);

    public string Resource { get; } = resource;

    public Task<JsonNode?> InvokeAsync(TaskInvocation invocation, CancellationToken cancellationToken) => handler(invocation, cancellationToken);
}
