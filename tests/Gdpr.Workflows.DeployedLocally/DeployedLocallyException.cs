namespace Gdpr.Workflows.DeployedLocally;

/// <summary>A step of the deployed run failed; the message says which and what was seen.</summary>
public sealed class DeployedLocallyException : Exception
{
    public DeployedLocallyException()
    {
    }

    public DeployedLocallyException(string message)
        : base(message)
    {
    }

    public DeployedLocallyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
