using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Finalizer;
using Gdpr.Workflows.Functions.Hosting;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        return Task.FromResult<IJsonFunction>(new FinalizerFunction(new FinalizerService(aws.Stores.Requests, aws.Audit, aws.Time)));
    },
    AwsFailures.IsTransient);
