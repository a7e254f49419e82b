using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Ledger;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        return Task.FromResult<IJsonFunction>(new LedgerFunction(new LedgerService(aws.Stores.Requests, aws.Audit, aws.Deadlines, aws.Time)));
    },
    AwsFailures.IsTransient);
