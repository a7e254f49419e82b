namespace Gdpr.Workflows.Engine.Api;

/// <summary>
/// A call the API refuses, with AWS's error code (the <c>__type</c> of the answer) and HTTP status:
/// 400 for client errors as Step Functions answers them, 403 for a refused signature.
/// </summary>
public sealed class ApiErrorException(string code, string message, int status = 400) : Exception(message)
{
    public string Code { get; } = code;

    public int Status { get; } = status;

    public static ApiErrorException Validation(string message) => new("ValidationException", message);

    /// <summary>AWS's wording for a member that breaks its constraint.</summary>
    public static ApiErrorException Constraint(string member, string constraint) =>
        Validation($"1 validation error detected: Value at '{member}' failed to satisfy constraint: {constraint}");

    public static ApiErrorException InvalidArn(string arn) => new("InvalidArn", $"Invalid Arn: '{arn}'");
}
