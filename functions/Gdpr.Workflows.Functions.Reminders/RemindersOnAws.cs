using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;

namespace Gdpr.Workflows.Functions.Reminders;

/// <summary>
/// The Reminders function as Program.cs composes it on AWS, shared with the tests that run it on moto_server: the
/// DynamoDB stores (OpenByDeadline and ByStatus queries, request updates, audit appends, vault state reads), the officers'
/// topic, the embedded-metric line on standard output, and the Step Functions starter for the retention follow-up.
/// </summary>
public static class RemindersOnAws
{
    public const string FunctionName = "RemindersFunction";

    public static RemindersFunction Create(AwsFunctionEnvironment aws, IOfficerNotifier officers, IWorkflowStarter workflow, TextWriter metricOutput)
    {
        ArgumentNullException.ThrowIfNull(aws);

        // The follow-up only reads whether the identifiers are still sealed: no key is ever wrapped or unwrapped here.
        var vault = new SubjectVault(aws.Stores.Vault, NotPermitted.KeyWrapper(FunctionName), aws.Time);
        var followUp = new RetentionFollowUpService(aws.Stores.Requests, vault, workflow, aws.Audit, aws.Deadlines, officers, aws.Time);
        var reminders = new RemindersService(aws.Stores.Requests, officers, aws.Deadlines, aws.Time);
        return new RemindersFunction(reminders, new EmbeddedMetricOverdueRequests(metricOutput, aws.Stage, aws.Time), followUp);
    }
}
