using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Verification;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        // The wait answers its own task only when the officer decided first (a step re-run after a restart); the state
        // machine ARN only names executions (unused here).
        var tasks = new StepFunctionsWorkflow(StepFunctionsClient.FromEnvironment(), stateMachineArn: string.Empty);
        var officers = new SnsOfficerNotifier(SnsClient.FromEnvironment(), aws.Variable("OFFICER_TOPIC_ARN"));
        var verification = new VerificationService(aws.Stores.Requests, aws.Stores.TaskTokens, tasks, officers, aws.Audit, aws.Deadlines, aws.Time);
        return Task.FromResult<IJsonFunction>(new VerificationFunction(verification));
    },
    AwsFailures.IsTransient);
