using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>Opens the installation a command works on: the local data directory, or the deployed stack with --aws.</summary>
public static class Backend
{
    /// <summary>The stores for reading; never starts the engine, so it works while <c>gdpr serve</c> runs.</summary>
    public static async Task<ReadSession> OpenReadAsync(CommandContext context, CancellationToken cancellationToken)
    {
        if (context.Aws)
        {
            return AwsBackend.OpenRead(context);
        }

        var host = await LocalHost.StartAsync(LocalInstallation.Options(context, engine: false), cancellationToken);
        var stores = host.Stores;
        var checkpoints = LocalAuditCheckpoints.ForVerifier(host.Home);
        return new ReadSession(stores.Requests, stores.Audit, stores.AuditHistory, host.Services.Hasher, context.Environment.Time, host.DisposeAsync)
        {
            Home = host.Home,
            Checkpoints = checkpoints is null ? null : (checkpoints, checkpoints),
        };
    }

    public static async Task<RequestStatusView> StatusAsync(CommandContext context, string requestId, CancellationToken cancellationToken)
    {
        await using var session = await OpenReadAsync(context, cancellationToken);
        return await session.Status.GetAsync(requestId, cancellationToken);
    }
}
