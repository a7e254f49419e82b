using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.LambdaRuntime;

namespace Gdpr.Workflows.Functions.Hosting.HttpApi;

/// <summary>
/// Runs an API route: parses the event, calls the route, and answers a domain failure with its HTTP status and
/// <c>{error, message}</c> (the domain writes those messages without personal data). A temporary failure is 503 so the
/// caller tries again; anything unexpected fails the invocation (API Gateway answers 500) with its message withheld.
/// </summary>
public static class HttpApiFunction
{
    public static async Task<JsonNode?> RunAsync(JsonNode? payload, Func<HttpApiRequest, Task<JsonObject>> route, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(route);
        try
        {
            return await route(HttpApiRequest.Parse(payload));
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (ErasureException failure)
        {
            return HttpApiResponses.Error(HttpApiResponses.StatusCodeFor(failure.Kind), failure.ErrorType, failure.Message);
        }
        catch (Exception failure) when (failure is not LambdaFunctionException && FunctionFailures.IsTransient(failure))
        {
            return HttpApiResponses.Error(503, ErasureErrorTypes.TransientError, "A dependency failed temporarily; try again.");
        }
        catch (Exception failure) when (failure is not LambdaFunctionException)
        {
            throw FunctionFailures.Translate(failure);
        }
    }
}
