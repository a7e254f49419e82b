using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Recipients;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        var registry = MissingAwsAdapterException.For<SystemRegistry>("SSM parameters under SYSTEMS_PARAMETER_PATH");
        var vault = new SubjectVault(aws.Stores.Vault, MissingAwsAdapterException.For<IKeyWrapper>("KMS Decrypt of the vault's data keys"), aws.Time);
        var notifier = MissingAwsAdapterException.For<IRecipientNotifier>("Art. 19 delivery (mail or recipients' APIs)");
        return Task.FromResult<IJsonFunction>(new RecipientsFunction(new RecipientsService(registry, vault, notifier)));
    },
    AwsFailures.IsTransient);
