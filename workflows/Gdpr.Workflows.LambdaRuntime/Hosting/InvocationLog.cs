using System.Globalization;

namespace Gdpr.Workflows.LambdaRuntime.Hosting;

/// <summary>
/// The runtime's own log lines. Invocation lines carry the request id, outcome and duration only:
/// never the event, the response or an error message, any of which may hold personal data.
/// </summary>
internal sealed class InvocationLog(TextWriter writer)
{
    public void Invocation(string requestId, string? errorType, TimeSpan duration) => Write(
        errorType is null
            ? string.Create(
                CultureInfo.InvariantCulture,
                $"Invocation RequestId={requestId} Status=Succeeded DurationMs={duration.TotalMilliseconds:F1}")
            : string.Create(
                CultureInfo.InvariantCulture,
                $"Invocation RequestId={requestId} Status=Failed ErrorType={errorType} DurationMs={duration.TotalMilliseconds:F1}"));

    /// <summary>A failure of the runtime itself (configuration, init, Runtime API), which carries no event data.</summary>
    public void RuntimeFailure(string what, Exception exception) =>
        Write($"{what}: {exception.GetType().Name}: {exception.Message}");

    public void RuntimeFailure(string what) => Write(what);

    private void Write(string line)
    {
        // One physical line per entry, whatever the message holds.
        writer.WriteLine("[LambdaRuntime] " + line.ReplaceLineEndings(" "));
        writer.Flush();
    }
}
