using System.Globalization;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Connector;
using Gdpr.Workflows.Connector.Receiver;

// A receiver process, as a system team would run one, reporting what happened as JSON lines on stdout:
//   connector <apiUrl> <system> <handlerSeconds>            the connector library's pull, the handler taking that long
//   bare <apiUrl> <system> <handlerSeconds> <answers>       pull by hand, no heartbeats, the same answer sent <answers> times
// The system's bearer token comes in GDPR_RECEIVER_TOKEN (never on the command line).
if (args.Length < 4)
{
    await Console.Error.WriteLineAsync("usage: connector|bare <apiUrl> <system> <handlerSeconds> [answers]");
    return 2;
}

var token = Environment.GetEnvironmentVariable("GDPR_RECEIVER_TOKEN") ?? throw new InvalidOperationException("GDPR_RECEIVER_TOKEN is not set.");
var api = new Uri(args[1]);
var system = args[2];
var handlerTime = TimeSpan.FromSeconds(double.Parse(args[3], CultureInfo.InvariantCulture));
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
var report = new Report(Console.Out);
report.Write(new JsonObject { ["event"] = "started", ["mode"] = args[0] });

switch (args[0])
{
    case "connector":
        using (var connector = new ErasureConnector(new ConnectorOptions { ApiBaseUri = api, System = system, BearerToken = token, PollWait = TimeSpan.FromSeconds(5) }, new SlowHandler(handlerTime, report)))
        {
            await new ConnectorLoop(connector, report).RunAsync(stop.Token);
        }

        return 0;
    case "bare" when args.Length == 5:
        using (var http = new HttpClient { BaseAddress = api, Timeout = TimeSpan.FromSeconds(60) })
        {
            http.DefaultRequestHeaders.Authorization = new("Bearer", token);
            await new BareReceiver(http, report).RunAsync(handlerTime, int.Parse(args[4], CultureInfo.InvariantCulture), stop.Token);
        }

        return 0;
    default:
        await Console.Error.WriteLineAsync("unknown mode: " + args[0]);
        return 2;
}
