namespace Gdpr.Workflows.LambdaRuntime;

/// <summary>Process environment access, replaceable so tests need not touch the real (process-wide) environment.</summary>
public interface IEnvironmentVariables
{
    string? Get(string name);

    /// <summary>Sets <paramref name="name"/>, or removes it when <paramref name="value"/> is null.</summary>
    void Set(string name, string? value);
}

/// <summary>The real process environment.</summary>
public sealed class ProcessEnvironmentVariables : IEnvironmentVariables
{
    public static ProcessEnvironmentVariables Instance { get; } = new();

    private ProcessEnvironmentVariables()
    {
    }

    public string? Get(string name) => Environment.GetEnvironmentVariable(name);

    public void Set(string name, string? value) => Environment.SetEnvironmentVariable(name, value);
}
