using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.SyncErase;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        var registry = MissingAwsAdapterException.For<SystemRegistry>("SSM parameters under SYSTEMS_PARAMETER_PATH");
        var vault = new SubjectVault(aws.Stores.Vault, MissingAwsAdapterException.For<IKeyWrapper>("KMS Decrypt of the vault's data keys"), aws.Time);
        var connectors = MissingAwsAdapterException.For<IReadOnlyList<IErasureConnector>>("connectors with Secrets Manager credentials");
        return Task.FromResult<IJsonFunction>(new SyncEraseFunction(new SyncEraseService(registry, vault, connectors, aws.Deadlines, aws.Time)));
    },
    AwsFailures.IsTransient);
