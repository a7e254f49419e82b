using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Infrastructure;

/// <summary>The local host's options from the command line.</summary>
public static class LocalInstallation
{
    public static LocalHostOptions Options(CommandContext context, bool engine, SampleInstallation? samples = null, bool resetSamples = false) => LocalDefaults.Options(
        context.Home,
        context.Value(context.Globals.Template),
        context.Value(context.Globals.Registry),
        engine,
        context.Environment.Time,
        context.Verbose ? context.Log : null,
        samples,
        resetSamples,
        StoreSelection.Stores(context));
}
