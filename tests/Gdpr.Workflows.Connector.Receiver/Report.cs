using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Connector.Receiver;

/// <summary>What the receiver did, one JSON object a line on stdout, flushed at once so the test sees it as it happens.</summary>
public sealed class Report(TextWriter output)
{
    private readonly Lock gate = new();

    public void Write(JsonObject line)
    {
        lock (gate)
        {
            output.WriteLine(line.ToJsonString());
            output.Flush();
        }
    }
}
