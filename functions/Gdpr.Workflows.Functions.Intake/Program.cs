using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Intake;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        var workflow = new StepFunctionsWorkflow(StepFunctionsClient.FromEnvironment(), aws.Variable("STATE_MACHINE_ARN"));
        var kms = KmsClient.FromEnvironment();
        var hasher = new KmsSubjectHasher(kms, aws.Variable("SUBJECT_HASH_KEY_ID"));
        var vault = new SubjectVault(aws.Stores.Vault, new KmsKeyWrapper(kms, aws.Variable("VAULT_KEY_ID")), aws.Time);
        var intake = new IntakeService(aws.Stores.Requests, vault, hasher, aws.Audit, workflow, aws.Deadlines, new RandomIdGenerator(aws.Time), aws.Time);
        return Task.FromResult<IJsonFunction>(new IntakeFunction(intake));
    },
    AwsFailures.IsTransient);
