using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Aws.Ssm;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.SyncErase;

return await FunctionHost.RunAsync(
    async cancellationToken =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        using var ssm = SsmClient.FromEnvironment();
        var registry = await SsmSystemRegistry.LoadAsync(ssm, aws.Variable("SYSTEMS_PARAMETER_PATH"), cancellationToken);
        var vault = new SubjectVault(aws.Stores.Vault, new KmsKeyWrapper(KmsClient.FromEnvironment(), aws.Variable("VAULT_KEY_ID")), aws.Time);
        var connectors = MissingAwsAdapterException.For<IReadOnlyList<IErasureConnector>>("connectors with Secrets Manager credentials");
        return new SyncEraseFunction(new SyncEraseService(registry, vault, connectors, aws.Deadlines, aws.Time));
    },
    AwsFailures.IsTransient);
