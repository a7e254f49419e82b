using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Deadline;
using Gdpr.Workflows.Functions.Hosting;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        return Task.FromResult<IJsonFunction>(new DeadlineFunction(new DeadlineService(aws.Stores.Requests, aws.Audit, aws.Deadlines, aws.Time)));
    },
    AwsFailures.IsTransient);
