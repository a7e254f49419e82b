namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>The gdpr command's exit codes (documented in <c>gdpr --help</c> and the README).</summary>
public static class ExitCodes
{
    public const int Ok = 0;

    /// <summary>Something failed inside gdpr or a system it uses; the message says what.</summary>
    public const int Internal = 1;

    /// <summary>The command line or its input is wrong (an unknown option, a malformed email, a date in the future).</summary>
    public const int BadInput = 2;

    /// <summary>The request, task or file named does not exist.</summary>
    public const int NotFound = 3;

    /// <summary>The request's state does not allow it (already closed, extension too late, token used), or the engine is busy.</summary>
    public const int Conflict = 4;

    public const string HelpText =
        "Exit codes: 0 ok, 1 internal error, 2 bad input, 3 not found, 4 conflict (the request's state does not allow it, or another gdpr process runs the engine).";
}
