using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Tasks;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        var vault = new SubjectVault(aws.Stores.Vault, new KmsKeyWrapper(KmsClient.FromEnvironment(), aws.Variable("VAULT_KEY_ID")), aws.Time);
        var tasks = new SystemTasksService(aws.Stores.SystemTasks(aws.Time), new VaultSubjectSource(vault), aws.Time);
        return Task.FromResult<IJsonFunction>(new TasksFunction(tasks));
    },
    AwsFailures.IsTransient);
