using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Integrations.Lambda;

/// <summary>
/// The Lambda functions the local engine can invoke: function names or ARNs bound to in-process handlers.
/// A handler receives the payload (a private copy) and returns the function's response payload.
/// </summary>
public interface ILambdaFunctionRegistry
{
    /// <summary>
    /// Binds <paramref name="functionNameOrArn"/> (plain name, <c>name:alias</c>, partial or full ARN) to a handler;
    /// binding the same function again replaces the handler. A plain name or partial ARN matches that function in
    /// any region (and, for a plain name, any account); a full ARN matches only itself.
    /// </summary>
    void Register(string functionNameOrArn, Func<JsonNode?, LambdaInvocationContext, CancellationToken, Task<JsonNode?>> handler);

    bool TryResolve(string functionNameOrArn, [NotNullWhen(true)] out LambdaFunctionBinding? function);

    /// <summary>The bound function; throws <see cref="LambdaFunctionNotFoundException"/> as Lambda would when there is none.</summary>
    LambdaFunctionBinding Resolve(string functionNameOrArn);
}

/// <summary>A function reference resolved to its handler.</summary>
/// <param name="InvokedFunctionArn">The ARN that was invoked, qualified if the reference was.</param>
/// <param name="ExecutedVersion">The version that runs: the numeric version invoked, else <c>$LATEST</c>.</param>
public sealed record LambdaFunctionBinding(
    string FunctionName,
    string InvokedFunctionArn,
    string ExecutedVersion,
    Func<JsonNode?, LambdaInvocationContext, CancellationToken, Task<JsonNode?>> Handler);
