using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Aws.SecretsManager;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Aws.Ssm;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Recipients;

return await FunctionHost.RunAsync(
    async cancellationToken =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        using var ssm = SsmClient.FromEnvironment();
        var registry = await SsmSystemRegistry.LoadAsync(ssm, aws.Variable("SYSTEMS_PARAMETER_PATH"), cancellationToken);
        var vault = new SubjectVault(aws.Stores.Vault, new KmsKeyWrapper(KmsClient.FromEnvironment(), aws.Variable("VAULT_KEY_ID")), aws.Time);
        var notifier = new AwsRecipientNotifier(
            SnsClient.FromEnvironment(),
            aws.Variable("RECIPIENT_NOTICES_TOPIC_ARN"),
            new EndpointSecrets(SecretsManagerClient.FromEnvironment()),
            aws.Variable("RECIPIENT_SECRETS_PREFIX"),
            EndpointHttp.Create());
        return new RecipientsFunction(new RecipientsService(registry, vault, notifier));
    },
    AwsFailures.IsTransient);
