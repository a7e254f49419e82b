using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Erasure.Reply;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Refusal;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        var workflow = new StepFunctionsWorkflow(StepFunctionsClient.FromEnvironment(), aws.Variable("STATE_MACHINE_ARN"));
        // The refusal is sent while the requester's address is still sealed: the vault is opened for it, as the Reply function does.
        var vault = new SubjectVault(aws.Stores.Vault, new KmsKeyWrapper(KmsClient.FromEnvironment(), aws.Variable("VAULT_KEY_ID")), aws.Time);
        var delivery = new SnsReplyDelivery(SnsClient.FromEnvironment(), aws.Variable("REPLY_TOPIC_ARN"));
        var reply = new ReplyService(aws.Stores.Requests, vault, aws.Audit, delivery, ReplyTemplates.From(Environment.GetEnvironmentVariable("REPLY_TEMPLATES_DIR")), aws.Deadlines, aws.Time);
        var status = new StatusService(aws.Stores.Requests, aws.Deadlines, NotPermitted.SubjectHasher("RefusalFunction"), aws.Time);
        return Task.FromResult<IJsonFunction>(new RefusalFunction(new RefusalService(aws.Stores.Requests, workflow, aws.Audit, reply, aws.Time), status));
    },
    AwsFailures.IsTransient);
