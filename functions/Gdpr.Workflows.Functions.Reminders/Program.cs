using Gdpr.Workflows.Aws.Sns;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.Reminders;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        var officers = new SnsOfficerNotifier(SnsClient.FromEnvironment(), aws.Variable("OFFICER_TOPIC_ARN"));
        var metric = new EmbeddedMetricOverdueRequests(Console.Out, aws.Stage, aws.Time);
        return Task.FromResult<IJsonFunction>(new RemindersFunction(new RemindersService(aws.Stores.Requests, officers, aws.Deadlines, aws.Time), metric));
    },
    AwsFailures.IsTransient);
