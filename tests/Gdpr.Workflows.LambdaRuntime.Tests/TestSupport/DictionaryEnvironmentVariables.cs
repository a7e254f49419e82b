using System.Collections.Concurrent;

namespace Gdpr.Workflows.LambdaRuntime.Tests.TestSupport;

/// <summary>An in-memory environment, so parallel tests never share the real process environment.</summary>
public sealed class DictionaryEnvironmentVariables : IEnvironmentVariables
{
    private readonly ConcurrentDictionary<string, string> _variables = new(StringComparer.Ordinal);

    public string? Get(string name) => _variables.TryGetValue(name, out var value) ? value : null;

    public void Set(string name, string? value)
    {
        if (value is null)
        {
            _variables.TryRemove(name, out _);
        }
        else
        {
            _variables[name] = value;
        }
    }
}
