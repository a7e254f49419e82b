namespace Gdpr.Workflows.Engine.Integrations.Lambda;

/// <summary>
/// The task failure Step Functions reports when the function does not exist (Lambda's ResourceNotFoundException),
/// naming the qualified ARN that was looked up, e.g. <c>arn:aws:lambda:us-east-1:123456789012:function:name:$LATEST</c>.
/// </summary>
public sealed class LambdaFunctionNotFoundException(string qualifiedFunctionArn, string requestId)
    : TaskFailedException(
        ErrorName,
        AwsServiceResponses.ErrorCause(
            $"Function not found: {qualifiedFunctionArn}", "AWSLambda", 404, "ResourceNotFoundException", requestId))
{
    public const string ErrorName = "Lambda.ResourceNotFoundException";

    public string FunctionArn { get; } = qualifiedFunctionArn;
}
