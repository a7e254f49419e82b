using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Cancel;
using Gdpr.Workflows.Functions.Hosting;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        var workflow = new StepFunctionsWorkflow(StepFunctionsClient.FromEnvironment(), aws.Variable("STATE_MACHINE_ARN"));
        return Task.FromResult<IJsonFunction>(new CancelFunction(new CancelService(aws.Stores.Requests, workflow, aws.Audit, aws.Time)));
    },
    AwsFailures.IsTransient);
