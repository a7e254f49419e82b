namespace Gdpr.Workflows.Local;

/// <summary>Another process (usually <c>gdpr serve</c>) runs the engine of this data directory.</summary>
public sealed class EngineBusyException : Exception
{
    public EngineBusyException()
    {
    }

    public EngineBusyException(string message)
        : base(message)
    {
    }

    public EngineBusyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Where the running server is, when it is <c>gdpr serve</c>; null otherwise.</summary>
    public ServeInfo? Server { get; private init; }

    public static EngineBusyException For(GdprHome home)
    {
        var server = ServeInfo.TryRead(home);
        var who = server is null ? "another gdpr process" : $"gdpr serve (pid {server.ProcessId}, {server.Url})";
        return new EngineBusyException(
            $"The local engine of {home.Directory} is in use by {who}. Wait for it to finish, stop it, "
            + (server is null ? "or use another data directory (GDPR_HOME)." : $"or send the request to its API at {server.Url} with the token in {Path.Combine(home.Directory, ApiTokens.FileName(ApiRole.Officer))}."))
        {
            Server = server,
        };
    }
}
