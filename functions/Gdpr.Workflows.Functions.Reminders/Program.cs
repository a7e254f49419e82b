using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Reminders;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        var officers = new SnsOfficerNotifier(SnsClient.FromEnvironment(), aws.Variable("OFFICER_TOPIC_ARN"));
        var metric = new EmbeddedMetricOverdueRequests(Console.Out, aws.Stage, aws.Time);
        // The follow-up only reads the vault's state (sealed or shredded): the key wrapper is never asked to unwrap here.
        var vault = new SubjectVault(aws.Stores.Vault, new KmsKeyWrapper(KmsClient.FromEnvironment(), aws.Variable("VAULT_KEY_ID")), aws.Time);
        var workflow = new StepFunctionsWorkflow(StepFunctionsClient.FromEnvironment(), aws.Variable("STATE_MACHINE_ARN"));
        var followUp = new RetentionFollowUpService(aws.Stores.Requests, vault, workflow, aws.Audit, aws.Deadlines, aws.Time);
        return Task.FromResult<IJsonFunction>(new RemindersFunction(new RemindersService(aws.Stores.Requests, officers, aws.Deadlines, aws.Time), metric, followUp));
    },
    AwsFailures.IsTransient);
