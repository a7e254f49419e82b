using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Systems;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        var registry = MissingAwsAdapterException.For<SystemRegistry>("SSM parameters under SYSTEMS_PARAMETER_PATH");
        return Task.FromResult<IJsonFunction>(new SystemsFunction(new SystemsService(aws.Stores.Requests, registry, aws.Time)));
    },
    AwsFailures.IsTransient);
