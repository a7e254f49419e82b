using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Reminders;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        var officers = new SnsOfficerNotifier(SnsClient.FromEnvironment(), aws.Variable("OFFICER_TOPIC_ARN"));
        var workflow = new StepFunctionsWorkflow(StepFunctionsClient.FromEnvironment(), aws.Variable("STATE_MACHINE_ARN"));
        return Task.FromResult<IJsonFunction>(RemindersOnAws.Create(aws, officers, workflow, Console.Out));
    },
    AwsFailures.IsTransient);
