namespace Gdpr.Workflows.Engine.Data.Paths;

/// <summary>A JSONPath that cannot be parsed; the message says why.</summary>
internal sealed class PathSyntaxException(string message) : Exception(message);

/// <summary>A JSONPath that selects nothing (or cannot be applied); the message is Jayway's.</summary>
internal sealed class PathNotFoundException(string message) : Exception(message);
