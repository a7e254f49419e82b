using System.Text.Json.Nodes;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Reminders;
using Gdpr.Workflows.Functions.Tests.Support;

namespace Gdpr.Workflows.Functions.Tests.Reminders;

/// <summary>
/// The daily Reminders function composed as its Program.cs composes it on AWS (<see cref="RemindersOnAws"/>), run against
/// moto_server's DynamoDB (the template's tables), SNS and Step Functions: the retention follow-up as deployed.
/// </summary>
public sealed class RemindersOnAwsTests(MotoStack stack) : IClassFixture<MotoStack>
{
    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    [Fact]
    public async Task HandleAsync_RetentionEndedTwiceOnOneDay_StartsOneFollowUpExecution()
    {
        // Invoices kept until ten days ago: today's pass (and a duplicate delivery of the schedule) follows them up.
        var aws = stack.Environment();
        var id = await ClosedWithRetentionAsync(aws, "r-twice-" + Guid.NewGuid().ToString("N")[..8], Today.AddDays(-10), sealVault: true);
        using var stepFunctions = new StepFunctionsClient(stack.ClientOptions);

        // The schedule delivers at least once: two overlapping invocations, then a third later the same day.
        var overlapping = await Task.WhenAll(InvokeAsync(aws, stepFunctions), InvokeAsync(aws, stepFunctions));
        var later = await InvokeAsync(aws, stepFunctions);

        // DynamoDB lets one overlapping pass through the conditional update; moto_server may let both through (its writes
        // are not atomic under concurrent requests): the audit key and the run's execution name still make it one follow-up.
        overlapping.SelectMany(Reopened).Should().Contain(id);
        Reopened(later).Should().NotContain(id, "the request is open again");
        var executions = await stepFunctions.EnumerateExecutionsAsync(new ListExecutionsRequest { StateMachineArn = stack.StateMachineArn }).ToListAsync();
        executions.Where(e => ExecutionNames.RequestIdOf(e.Name!) == id).Select(e => e.Name).Should().Equal(ExecutionNames.Of(id, 2));
        (await aws.Audit.ReadAsync(id)).Count(e => e.Type == RetentionFollowUpService.RetentionEnded).Should().Be(1);
        var reopened = (await aws.Stores.Requests.GetAsync(id))!;
        reopened.Status.Should().Be(RequestStatus.InProgress);
        reopened.FindSystem("orders")!.Status.Should().Be(SystemErasureStatus.Pending);
        reopened.FindSystem("crm")!.Status.Should().Be(SystemErasureStatus.Erased);
    }

    [Fact]
    public async Task HandleAsync_RetentionEndedIdentifiersGone_TellsOfficersOnceAndStartsNothing()
    {
        var aws = stack.Environment();
        var id = await ClosedWithRetentionAsync(aws, "r-gone-" + Guid.NewGuid().ToString("N")[..8], Today.AddDays(-3), sealVault: false);
        using var stepFunctions = new StepFunctionsClient(stack.ClientOptions);

        var first = await InvokeAsync(aws, stepFunctions);
        var second = await InvokeAsync(aws, stepFunctions);

        first["retentionIdentifiersGone"]!.AsArray().Select(n => n!.GetValue<string>()).Should().Contain(id);
        second["retentionIdentifiersGone"]!.AsArray().Select(n => n!.GetValue<string>()).Should().NotContain(id, "the officers were told once");
        var impossible = (await aws.Audit.ReadAsync(id)).Where(e => e.Type == RetentionFollowUpService.RetentionFollowUpImpossible).ToList();
        impossible.Should().ContainSingle().Which.Details.Should().Contain("systems", "orders").And.Contain("vault", "absent");
        (await aws.Stores.Requests.GetAsync(id))!.Status.Should().Be(RequestStatus.CompletedWithExceptions);
        var executions = await stepFunctions.EnumerateExecutionsAsync(new ListExecutionsRequest { StateMachineArn = stack.StateMachineArn }).ToListAsync();
        executions.Should().NotContain(e => ExecutionNames.RequestIdOf(e.Name!) == id);
    }

    private static IReadOnlyList<string> Reopened(JsonNode answer) => [.. answer["retentionReopened"]!.AsArray().Select(n => n!.GetValue<string>())];

    private async Task<JsonNode> InvokeAsync(AwsFunctionEnvironment aws, StepFunctionsClient stepFunctions)
    {
        using var sns = new SnsClient(stack.ClientOptions);
        var function = RemindersOnAws.Create(aws, new SnsOfficerNotifier(sns, stack.OfficerTopicArn), new StepFunctionsWorkflow(stepFunctions, stack.StateMachineArn), TextWriter.Null);
        return (await function.HandleAsync(new JsonObject(), CancellationToken.None))!;
    }

    /// <summary>A request closed with orders keeping invoices until <paramref name="retainedUntil"/> and crm erased.</summary>
    private static async Task<string> ClosedWithRetentionAsync(AwsFunctionEnvironment aws, string id, DateOnly retainedUntil, bool sealVault)
    {
        var received = DateTimeOffset.UtcNow.AddYears(-1);
        var receivedOn = DateOnly.FromDateTime(received.UtcDateTime);
        var request = new ErasureRequest
        {
            RequestId = id,
            Version = 1,
            IntakeKey = "intake-" + id,
            ReceivedAt = received,
            Channel = "web-form",
            SubjectHashes = [new string('a', 63) + id.Length % 10],
            Jurisdiction = "UK",
            Verification = IdentityVerification.NotRequired,
            Deadline = new DeadlineState(receivedOn, ClockStart.OnReceipt(receivedOn), [], [], [], receivedOn.AddMonths(1)),
            Status = RequestStatus.CompletedWithExceptions,
            Systems =
            [
                new SystemErasureState("orders", SystemErasureStatus.Retained) { RetainUntil = retainedUntil, RetainedData = "invoices", RetentionGround = RetentionGround.LegalObligation },
                new SystemErasureState("crm", SystemErasureStatus.Erased),
            ],
            UpdatedAt = received.AddDays(20),
        };
        await aws.Stores.Requests.CreateAsync(request);
        if (sealVault)
        {
            using var keys = new LocalKeyWrapper(LocalKeyWrapper.GenerateMasterKey());
            await new SubjectVault(aws.Stores.Vault, keys, aws.Time).SealAsync(id, SubjectIdentifiers.Of(SubjectIdentifier.Email("jane@example.com")));
        }

        return id;
    }
}
