using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Contracts;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.TaskCallback;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        // Answers tasks by token only, so no state machine ARN is needed.
        var tasks = new StepFunctionsWorkflow(StepFunctionsClient.FromEnvironment(), stateMachineArn: string.Empty);
        var verification = new VerificationService(
            aws.Stores.Requests, aws.Stores.TaskTokens, tasks, NotPermitted.OfficerNotifier("TaskCallbackFunction"), aws.Audit, aws.Deadlines, aws.Time);
        var callbacks = new TaskCallbackService(tasks, verification);
        return Task.FromResult<IJsonFunction>(new TaskCallbackFunction(callbacks, new RecordedTaskAnswers(callbacks, aws.Stores.TaskTokens, aws.Time)));
    },
    AwsFailures.IsTransient);
