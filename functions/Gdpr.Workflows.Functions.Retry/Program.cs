using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Aws.SecretsManager;
using Gdpr.Workflows.Aws.Ssm;
using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Retry;

return await FunctionHost.RunAsync(
    async cancellationToken =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        var workflow = new StepFunctionsWorkflow(StepFunctionsClient.FromEnvironment(), aws.Variable("STATE_MACHINE_ARN"));
        using var ssm = SsmClient.FromEnvironment();
        var registry = await SsmSystemRegistry.LoadAsync(ssm, aws.Variable("SYSTEMS_PARAMETER_PATH"), cancellationToken);
        // Retrying one sync system erases in it now, as the SyncErase function does: the vault opened, the connector called.
        var vault = new SubjectVault(aws.Stores.Vault, new KmsKeyWrapper(KmsClient.FromEnvironment(), aws.Variable("VAULT_KEY_ID")), aws.Time);
        var connectors = HttpsErasureConnector.ForRegistry(registry, aws.Variable("CONNECTOR_SECRETS_PREFIX"), new EndpointSecrets(SecretsManagerClient.FromEnvironment()), EndpointHttp.Create());
        var syncErase = new SyncEraseService(registry, vault, connectors, aws.Deadlines, aws.Time);
        var ledger = new LedgerService(aws.Stores.Requests, aws.Audit, aws.Deadlines, aws.Time);
        var reopen = new ReopenService(aws.Stores.Requests, vault, workflow, aws.Audit, aws.Time);
        var retry = new RetryService(aws.Stores.Requests, reopen, workflow, workflow, registry, syncErase, ledger, aws.Audit);
        var status = new StatusService(aws.Stores.Requests, aws.Deadlines, NotPermitted.SubjectHasher("RetryFunction"), aws.Time);
        return new RetryFunction(retry, status);
    },
    AwsFailures.IsTransient);
