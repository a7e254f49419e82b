using Gdpr.Workflows.Aws.StepFunctions;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.Functions.Hosting;
using Gdpr.Workflows.Functions.VaultShredder;

return await FunctionHost.RunAsync(
    _ =>
    {
        var aws = AwsFunctionEnvironment.FromEnvironment();
        // Shredding destroys the wrapped key in the table; it never wraps or unwraps one. The request is read to keep the
        // identifiers of a request that ended with failed systems, for a retry.
        var vault = new SubjectVault(aws.Stores.Vault, NotPermitted.KeyWrapper("VaultShredderFunction"), aws.Time);
        var shredder = new ShredService(vault, aws.Audit, aws.Stores.Requests);
        var afterExecutionEnded = new ExecutionEndedShredding(
            shredder, vault, aws.Stores.Requests, new StepFunctionsExecutionEnds(StepFunctionsClient.FromEnvironment()), aws.Time);
        return Task.FromResult<IJsonFunction>(new VaultShredderFunction(shredder, afterExecutionEnded));
    },
    AwsFailures.IsTransient);
