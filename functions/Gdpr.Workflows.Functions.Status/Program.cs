using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Status;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        // GET /requests/{requestId} never looks a subject up, so the service's hasher is never used.
        var status = new StatusService(aws.Stores.Requests, aws.Deadlines, NotPermitted.SubjectHasher("StatusFunction"), aws.Time);
        return Task.FromResult<IJsonFunction>(new StatusFunction(status));
    },
    AwsFailures.IsTransient);
