using Gdpr.Workflows.Functions.Status;
using Gdpr.Workflows.LambdaRuntime;

return await LambdaBootstrap.RunAsync(
    StatusHandler.HandleAsync,
    StatusJsonContext.Default.HttpApiRequest,
    StatusJsonContext.Default.HttpApiResponse);
