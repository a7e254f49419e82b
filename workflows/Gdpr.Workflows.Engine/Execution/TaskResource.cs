using Gdpr.Workflows.Engine.Integrations;

namespace Gdpr.Workflows.Engine.Execution;

/// <summary>A Task state's Resource split into what the engine needs: the integration ARN and the wait pattern.</summary>
internal sealed record TaskResource(string Arn, string BaseArn, IntegrationPattern Pattern)
{
    public static TaskResource Parse(string resource)
    {
        if (resource.EndsWith(".waitForTaskToken", StringComparison.Ordinal))
        {
            return new TaskResource(resource, resource[..^".waitForTaskToken".Length], IntegrationPattern.WaitForTaskToken);
        }

        var sync = resource.LastIndexOf(".sync", StringComparison.Ordinal);
        if (sync > 0 && resource.StartsWith("arn:aws:states:::", StringComparison.Ordinal))
        {
            return new TaskResource(resource, resource[..sync], IntegrationPattern.Sync);
        }

        return new TaskResource(resource, resource, IntegrationPattern.RequestResponse);
    }

    /// <summary>A plain Lambda function ARN (not the lambda:invoke service integration): AWS records LambdaFunction* events.</summary>
    public bool IsLambdaArn => Arn.StartsWith("arn:aws:lambda:", StringComparison.Ordinal);

    /// <summary>"lambda" for arn:aws:states:::lambda:invoke.</summary>
    public string ResourceType
    {
        get
        {
            var parts = Arn.Split(':');
            return parts.Length > 5 ? parts[5] : Arn;
        }
    }

    /// <summary>"invoke" (or "publish.waitForTaskToken") for arn:aws:states:::lambda:invoke.</summary>
    public string ResourceName
    {
        get
        {
            var parts = Arn.Split(':', 7);
            return parts.Length > 6 ? parts[6] : Arn;
        }
    }
}
