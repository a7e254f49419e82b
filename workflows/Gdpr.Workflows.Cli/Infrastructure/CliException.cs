namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>A failure the command reports as it is: what was wrong (<see cref="Exception.Message"/>) and what to do (<see cref="Hint"/>).</summary>
public sealed class CliException : Exception
{
    public CliException(int exitCode, string message, string? hint = null, Exception? innerException = null)
        : base(message, innerException)
    {
        ExitCode = exitCode;
        Hint = hint;
    }

    public CliException()
        : this(ExitCodes.Internal, "The command failed.")
    {
    }

    public CliException(string message)
        : this(ExitCodes.Internal, message)
    {
    }

    public CliException(string message, Exception innerException)
        : this(ExitCodes.Internal, message, null, innerException)
    {
    }

    public int ExitCode { get; }

    public string? Hint { get; }

    public static CliException BadInput(string message, string? hint = null) => new(ExitCodes.BadInput, message, hint);

    public static CliException NotFound(string message, string? hint = null) => new(ExitCodes.NotFound, message, hint);

    public static CliException Conflict(string message, string? hint = null) => new(ExitCodes.Conflict, message, hint);
}
