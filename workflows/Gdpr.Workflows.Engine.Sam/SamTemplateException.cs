namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// A SAM template the local engine cannot use: malformed YAML, an intrinsic function that does not resolve locally,
/// a missing state machine definition or substitution. The message starts with the file and, when known, the line:
/// <c>"/src/template.yaml: line 12: Resources.Fn.Properties.Environment.Variables.TABLE: ..."</c>.
/// </summary>
public class SamTemplateException : Exception
{
    public SamTemplateException(string filePath, int? line, string message, Exception? innerException = null)
        : base(line is null ? $"{filePath}: {message}" : $"{filePath}: line {line}: {message}", innerException)
    {
        FilePath = filePath;
        Line = line;
    }

    /// <summary>The template, or the definition file a state machine reads.</summary>
    public string FilePath { get; }

    /// <summary>1-based line of the offending node, when known.</summary>
    public int? Line { get; }
}

/// <summary>
/// A Lambda function named by a Task state that the template does not declare, or whose C# handler is not registered.
/// The message names the function reference and, when given, the state.
/// </summary>
public class FunctionBindingException(string functionReference, string? stateName, string message)
    : Exception(stateName is null ? message : $"State '{stateName}': {message}")
{
    /// <summary>The function name or ARN as the state gave it.</summary>
    public string FunctionReference { get; } = functionReference;

    public string? StateName { get; } = stateName;
}
