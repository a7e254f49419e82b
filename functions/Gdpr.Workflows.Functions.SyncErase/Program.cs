using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Aws.SecretsManager;
using Gdpr.Workflows.Aws.Ssm;
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
        // Each connector reads its secret on first use, so init stays one SSM call however many systems there are.
        var secrets = new EndpointSecrets(SecretsManagerClient.FromEnvironment());
        var connectors = HttpsErasureConnector.ForRegistry(registry, aws.Variable("CONNECTOR_SECRETS_PREFIX"), secrets, EndpointHttp.Create());
        return new SyncEraseFunction(new SyncEraseService(registry, vault, connectors, aws.Deadlines, aws.Time));
    },
    AwsFailures.IsTransient);
