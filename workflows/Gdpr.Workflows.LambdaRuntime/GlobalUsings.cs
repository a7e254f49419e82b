// The raw handler shape, spelled once; public signatures still show the Func so callers need no alias.
global using LambdaHandler = System.Func<
    System.ReadOnlyMemory<byte>,
    Gdpr.Workflows.LambdaRuntime.LambdaContext,
    System.Threading.CancellationToken,
    System.Threading.Tasks.Task<System.ReadOnlyMemory<byte>>>;
