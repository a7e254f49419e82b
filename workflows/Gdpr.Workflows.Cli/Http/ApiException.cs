namespace Gdpr.Workflows.Cli.Http;

/// <summary>A refusal of the HTTP layer itself (401, 403, 405, 413, 415, 431): its status, error code and headers.</summary>
internal sealed class ApiException(int status, string code, string message) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public IReadOnlyList<(string Name, string Value)> Headers { get; init; } = [];

    public static ApiException Forbidden(string message) => new(403, "forbidden", message);
}
