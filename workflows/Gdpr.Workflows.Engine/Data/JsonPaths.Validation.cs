using Gdpr.Workflows.Engine.Data.Paths;

namespace Gdpr.Workflows.Engine.Data;

public static partial class JsonPaths
{
    /// <summary>
    /// Null when <paramref name="path"/> is a valid Path (any JSONPath syntax Step Functions accepts,
    /// rooted at <c>$</c>, <c>$$</c> or <c>$name</c>); otherwise why not, for an AslDefinitionException.
    /// </summary>
    public static string? ValidatePath(string path)
    {
        try
        {
            PathCache.Get(path);
            return null;
        }
        catch (PathSyntaxException exception)
        {
            return exception.Message;
        }
    }

    /// <summary>
    /// Null when <paramref name="path"/> is a valid Reference Path: only <c>.name</c>, <c>['name']</c> and
    /// <c>[index]</c> steps, so it names at most one node (Choice Variable, ItemsPath-like fields).
    /// Roots <c>$</c>, <c>$$</c> and <c>$name</c> are accepted; ResultPath needs <see cref="ValidateResultPath"/>.
    /// </summary>
    public static string? ValidateReferencePath(string path)
    {
        var problem = ValidatePath(path);
        if (problem is not null)
        {
            return problem;
        }

        return PathCache.Get(path).IsReferencePath
            ? null
            : $"The path '{path}' is not a reference path: only '.name', \"['name']\" and '[index]' steps may follow the root";
    }

    /// <summary>Null when <paramref name="path"/> can be a ResultPath: a Reference Path on the state input (<c>$...</c>).</summary>
    public static string? ValidateResultPath(string path)
    {
        var problem = ValidateReferencePath(path);
        if (problem is not null)
        {
            return problem;
        }

        return PathCache.Get(path).Root == PathRoot.Input
            ? null
            : $"The path '{path}' cannot be a ResultPath: it must start with '$' and refer to the state input";
    }
}
