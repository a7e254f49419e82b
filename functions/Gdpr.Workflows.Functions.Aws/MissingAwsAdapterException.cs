namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// A port the function needs has no AWS adapter in this repository yet. Thrown while the function initialises, so Lambda
/// reports it through init/error rather than the function answering with anything made up.
/// </summary>
public sealed class MissingAwsAdapterException : Exception
{
    public MissingAwsAdapterException()
        : base("An AWS adapter this function needs is not wired yet.")
    {
    }

    public MissingAwsAdapterException(string port)
        : base($"No AWS adapter for {port} is wired yet; see functions/README.md.")
    {
    }

    public MissingAwsAdapterException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Fails initialisation naming the port and the AWS service an adapter would use.</summary>
    public static T For<T>(string awsService) => throw new MissingAwsAdapterException($"{typeof(T).Name} ({awsService})");
}
