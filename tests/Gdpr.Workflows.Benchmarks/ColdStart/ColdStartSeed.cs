using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.TestSupport.LambdaRuntime;

namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <summary>
/// Requests for the functions to work on, submitted through the Intake function itself (its AOT build, one process, one
/// invocation per request) so the vault, audit trail and execution are exactly what intake leaves. Each function gets
/// its own request, so one function's work (a cancellation, a shredded vault, a final status) never changes what
/// another finds. Events name their request as <see cref="RequestIdPlaceholder"/> and <see cref="ExecutionIdPlaceholder"/>.
/// </summary>
internal static class ColdStartSeed
{
    public const string RequestIdPlaceholder = "{{requestId}}";
    public const string ExecutionIdPlaceholder = "{{executionId}}";

    /// <summary>The function that submits the requests.</summary>
    public const string SeedingFunction = "Intake";

    // The Verification function waits for an officer, so its request must need an identity check.
    private static readonly HashSet<string> NeedsIdentityCheck = new(StringComparer.Ordinal) { "Verification" };

    /// <returns>Per function name, its request id and execution ARN.</returns>
    public static async Task<IReadOnlyDictionary<string, (string RequestId, string ExecutionId)>> SubmitAsync(
        IReadOnlyList<FunctionProject> functions, FunctionLaunch intake, IReadOnlyDictionary<string, string> environment)
    {
        var needing = functions.Where(f => f.SampleEventText.Contains(RequestIdPlaceholder, StringComparison.Ordinal)).ToList();
        var seeds = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (needing.Count == 0)
        {
            return seeds;
        }

        await using var api = FakeLambdaRuntimeApi.Start();
        var invocations = needing.Select(f => (Function: f.Name, Id: Guid.NewGuid().ToString())).ToList();
        foreach (var (function, id) in invocations)
        {
            api.Enqueue(new FakeInvocation(id, IntakeEvent(function, NeedsIdentityCheck.Contains(function)), TimeProvider.System.GetUtcNow().AddMinutes(5)));
        }

        using var process = ColdStartRunner.Launch(intake, api.RuntimeApi, environment);
        var stderr = process.StandardError.ReadToEndAsync();
        try
        {
            foreach (var (function, id) in invocations)
            {
                var report = await api.WaitForReportAsync(id, TimeSpan.FromMinutes(2));
                var body = report.Kind == FakeReportKind.Response && report.BodyJson is JsonObject response && response["body"] is JsonValue text
                    ? JsonNode.Parse(text.GetValue<string>()) as JsonObject
                    : null;
                if (body?["requestId"] is not JsonValue requestId || body["executionId"] is not JsonValue executionId)
                {
                    throw new BenchmarkSetupException($"seeding a request for {function} through Intake failed: {report.Kind} {report.ErrorTypeHeader} {report.BodyText}");
                }

                seeds[function] = (requestId.GetValue<string>(), executionId.GetValue<string>());
            }
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await process.WaitForExitAsync();
        }

        return seeds;
    }

    /// <summary>The function's sample event with its request's ids in place of the placeholders.</summary>
    public static byte[] EventFor(FunctionProject function, IReadOnlyDictionary<string, (string RequestId, string ExecutionId)> seeds) =>
        seeds.TryGetValue(function.Name, out var seed)
            ? Encoding.UTF8.GetBytes(function.SampleEventText.Replace(RequestIdPlaceholder, seed.RequestId, StringComparison.Ordinal)
                .Replace(ExecutionIdPlaceholder, seed.ExecutionId, StringComparison.Ordinal))
            : function.SampleEvent;

    private static byte[] IntakeEvent(string function, bool needsIdentityCheck)
    {
        var body = new JsonObject
        {
            ["identifiers"] = new JsonArray(
                new JsonObject { ["kind"] = "email", ["value"] = $"coldstart.{function.ToLowerInvariant()}@example.com" },
                new JsonObject { ["kind"] = "customer_id", ["value"] = "C-" + function }),
            ["channel"] = "web",
            ["requesterAuthenticated"] = !needsIdentityCheck,
            ["idempotencyKey"] = "coldstart-seed-" + function,
        };
        var http = new JsonObject { ["method"] = "POST", ["path"] = "/requests", ["protocol"] = "HTTP/1.1", ["sourceIp"] = "192.0.2.1", ["userAgent"] = "coldstart" };
        var iam = new JsonObject { ["userArn"] = "arn:aws:sts::123456789012:assumed-role/officer/coldstart" };
        return Encoding.UTF8.GetBytes(new JsonObject
        {
            ["version"] = "2.0",
            ["routeKey"] = "POST /requests",
            ["rawPath"] = "/requests",
            ["headers"] = new JsonObject { ["content-type"] = "application/json" },
            ["requestContext"] = new JsonObject { ["http"] = http, ["authorizer"] = new JsonObject { ["iam"] = iam }, ["requestId"] = "seed-" + function },
            ["body"] = body.ToJsonString(),
            ["isBase64Encoded"] = false,
        }.ToJsonString());
    }
}
