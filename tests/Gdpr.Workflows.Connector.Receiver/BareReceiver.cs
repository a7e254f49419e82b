using System.Text;
using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Connector.Receiver;

/// <summary>
/// A receiver written by hand on the HTTP API, without the connector: it pulls until its first task, takes the
/// handler's time without heartbeats, then posts the same answer (erased, with a receipt) as many times as told and
/// reports each response's status and body as the API gave them. Then it exits.
/// </summary>
public sealed class BareReceiver(HttpClient http, Report report)
{
    public async Task RunAsync(TimeSpan handlerTime, int answers, CancellationToken cancellationToken)
    {
        var task = await FirstTaskAsync(cancellationToken);
        report.Write(new JsonObject { ["event"] = "handling", ["taskId"] = task["taskId"]!.GetValue<string>(), ["requestId"] = task["requestId"]!.GetValue<string>() });
        await Task.Delay(handlerTime, cancellationToken);
        var answer = new JsonObject
        {
            ["taskToken"] = task["taskToken"]!.GetValue<string>(),
            ["outcome"] = "erased",
            ["receipt"] = "bare:" + task["taskId"]!.GetValue<string>()[..8],
        };
        for (var i = 0; i < answers; i++)
        {
            using var content = new StringContent(answer.ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(new Uri("tasks/callback", UriKind.Relative), content, cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            report.Write(new JsonObject { ["event"] = "answer", ["status"] = (int)response.StatusCode, ["body"] = JsonNode.Parse(body) });
        }
    }

    private async Task<JsonObject> FirstTaskAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            using var response = await http.GetAsync(new Uri("tasks?wait=5", UriKind.Relative), cancellationToken);
            response.EnsureSuccessStatusCode();
            var tasks = JsonNode.Parse(await response.Content.ReadAsStringAsync(cancellationToken))!["tasks"]!.AsArray();
            if (tasks.FirstOrDefault() is JsonObject task)
            {
                return task;
            }
        }
    }
}
