namespace Gdpr.Workflows.Local;

/// <summary>
/// The local default installation: the function handlers of template.yaml, the sample systems' connectors and the
/// async support desk subscribed to the erasure tasks topic.
/// </summary>
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
            Handlers = WorkflowHandlers.For,
        };
}
