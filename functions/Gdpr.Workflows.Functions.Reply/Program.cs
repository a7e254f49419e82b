using Gdpr.Workflows.Aws.Kms;
using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Erasure.Reply;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Reply;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        // The vault is opened for the requester's email address only; the reply itself never holds it.
        var vault = new SubjectVault(aws.Stores.Vault, new KmsKeyWrapper(KmsClient.FromEnvironment(), aws.Variable("VAULT_KEY_ID")), aws.Time);
        var delivery = new SnsReplyDelivery(SnsClient.FromEnvironment(), aws.Variable("REPLY_TOPIC_ARN"));
        // The templates ship embedded; a controller's edited copies are packaged beside the bootstrap (REPLY_TEMPLATES_DIR).
        var templates = ReplyTemplates.From(Environment.GetEnvironmentVariable("REPLY_TEMPLATES_DIR"));
        return Task.FromResult<IJsonFunction>(new ReplyFunction(new ReplyService(aws.Stores.Requests, vault, aws.Audit, delivery, templates, aws.Deadlines, aws.Time)));
    },
    AwsFailures.IsTransient);
