using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Integrations.Lambda;

namespace Gdpr.Workflows.Cli.EngineIntegrations;

/// <summary>
/// Every Lambda function reached through Lambda's Invoke API at one endpoint (<c>POST
/// /2015-03-31/functions/{name}/invocations</c>), as Step Functions reaches Lambda on AWS: the answer's payload is the
/// task result, and <c>X-Amz-Function-Error</c> makes the answer's <c>errorType</c> the task's error name. Used by
/// <c>gdpr engine serve --lambda-endpoint</c> to drive functions running elsewhere (scripts/deployed-locally.sh).
/// </summary>
public sealed class LambdaInvokeApiFunctions(Uri endpoint, HttpClient http, string region, string accountId) : ILambdaFunctionRegistry
{
    public void Register(string functionNameOrArn, Func<JsonNode?, LambdaInvocationContext, CancellationToken, Task<JsonNode?>> handler) =>
        throw new NotSupportedException("functions reached through the Lambda Invoke API are deployed there, not registered here");

    public bool TryResolve(string functionNameOrArn, [NotNullWhen(true)] out LambdaFunctionBinding? function)
    {
        function = null;
        if (!LambdaFunctionIdentifier.TryParse(functionNameOrArn, out var identifier))
        {
            return false;
        }

        var arn = identifier.ToArn("aws", region, accountId);
        function = new LambdaFunctionBinding(identifier.Name, arn, LambdaFunctionIdentifier.LatestVersion, (payload, _, ct) => InvokeAsync(arn, payload, ct));
        return true;
    }

    public LambdaFunctionBinding Resolve(string functionNameOrArn) =>
        TryResolve(functionNameOrArn, out var function) ? function : throw new LambdaFunctionNotFoundException(functionNameOrArn, string.Empty);

    private async Task<JsonNode?> InvokeAsync(string functionArn, JsonNode? payload, CancellationToken cancellationToken)
    {
        var url = new Uri(endpoint, $"2015-03-31/functions/{Uri.EscapeDataString(functionArn)}/invocations");
        using var content = new StringContent(payload?.ToJsonString() ?? "null", Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = await http.PostAsync(url, content, cancellationToken);
        }
        catch (HttpRequestException e)
        {
            throw new LambdaFunctionException("Lambda.ServiceException", $"Lambda endpoint {endpoint} unreachable: {e.Message}");
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (response.StatusCode != HttpStatusCode.OK)
            {
                var kind = response.StatusCode == HttpStatusCode.NotFound ? "ResourceNotFoundException" : "ServiceException";
                throw new LambdaFunctionException("Lambda." + kind, string.Create(CultureInfo.InvariantCulture, $"Lambda answered {(int)response.StatusCode}: {body}"));
            }

            var answer = body.Length == 0 ? null : JsonNode.Parse(body);
            if (response.Headers.TryGetValues("X-Amz-Function-Error", out _))
            {
                var errorType = answer?["errorType"]?.GetValue<string>() ?? "Unhandled";
                var message = answer?["errorMessage"]?.GetValue<string>() ?? string.Empty;
                throw new LambdaFunctionException(errorType, message, []);
            }

            return answer;
        }
    }
}
