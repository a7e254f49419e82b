using Gdpr.Workflows.Functions.Local;

namespace Gdpr.Workflows.Local;

/// <summary>The local default installation: template.yaml's function handlers over the host's services.</summary>
public static class LocalDefaults
{
    public static LocalHostOptions Options(
        GdprHome home,
        string? templatePath,
        string? registryPath,
        bool runEngine,
        TimeProvider time,
        Action<string?, string>? log = null) => new()
        {
            Home = home,
            TemplatePath = templatePath,
            RegistryPath = registryPath,
            RunEngine = runEngine,
            Time = time,
            Log = log,
            Handlers = services => LocalFunctions.Handlers(Functions(services)),
        };

    /// <summary>The services the function handlers run on: the host's own, so the CLI and the functions share one set.</summary>
    public static FunctionServices Functions(LocalServices services) => new()
    {
        Ledger = services.Ledger,
        Verification = services.Verification,
        Systems = services.Systems,
        SyncErase = services.SyncErase,
        Recipients = services.RecipientsNotification,
        Finalizer = services.Finalizer,
        Shredder = services.Shred,
        Intake = services.Intake,
        Status = services.Status,
        History = services.History,
        Cancel = services.Cancel,
        TaskCallbacks = services.TaskCallbacks,
        Reminders = services.Reminders,
    };
}
