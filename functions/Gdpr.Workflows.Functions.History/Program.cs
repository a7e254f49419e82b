using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.History;
using Gdpr.Workflows.Functions.Hosting;

return await FunctionHost.RunAsync(
    _ => Task.FromResult<IJsonFunction>(new HistoryFunction(new HistoryService(AwsFunctionEnvironment.FromEnvironment().Audit))),
    AwsFailures.IsTransient);
