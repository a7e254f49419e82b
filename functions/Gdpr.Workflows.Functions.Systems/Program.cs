using Gdpr.Workflows.Aws.Ssm;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Systems;

return await FunctionHost.RunAsync(
    async cancellationToken =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        // Read once per execution environment: a registry change reaches new environments (or a redeploy).
        using var ssm = SsmClient.FromEnvironment();
        var registry = await SsmSystemRegistry.LoadAsync(ssm, aws.Variable("SYSTEMS_PARAMETER_PATH"), cancellationToken);
        return new SystemsFunction(new SystemsService(aws.Stores.Requests, registry, aws.Time));
    },
    AwsFailures.IsTransient);
