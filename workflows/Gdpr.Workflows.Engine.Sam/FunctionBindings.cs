using System.Diagnostics.CodeAnalysis;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// Finds the template function an ASL Task names, the way Lambda resolves a FunctionName: a name, a name with a
/// qualifier (<c>fn:live</c>), a partial ARN (<c>123456789012:function:fn</c>) or a full ARN. Qualifiers (version,
/// alias) are ignored: the local account runs one version of each function. A full or partial ARN must also match
/// the template's partition, region and account, as a call to another account would not reach this function.
/// </summary>
public sealed class FunctionBindings
{
    private readonly List<SamFunction> _functions;

    public FunctionBindings(IEnumerable<SamFunction> functions) => _functions = functions.ToList();

    public static FunctionBindings For(SamTemplate template) => new(template.Functions.Values);

    public bool TryFind(string functionReference, [NotNullWhen(true)] out SamFunction? function)
    {
        var wanted = FunctionReference.Parse(functionReference);
        function = wanted is null ? null : _functions.FirstOrDefault(f => wanted.Value.Matches(FunctionReference.Parse(f.Arn)!.Value));
        return function is not null;
    }

    /// <summary>The function named by a Task; <paramref name="stateName"/> only improves the error message.</summary>
    /// <exception cref="FunctionBindingException">No function of the template matches.</exception>
    public SamFunction Find(string functionReference, string? stateName = null)
    {
        if (TryFind(functionReference, out var function))
        {
            return function;
        }

        var hint = functionReference.Contains(":states:::lambda:", StringComparison.Ordinal)
            ? "; that is the Lambda service integration: look up its Parameters.FunctionName instead"
            : string.Empty;
        var known = _functions.Count == 0 ? "none" : string.Join(", ", _functions.Select(f => f.Arn));
        throw new FunctionBindingException(
            functionReference, stateName, $"no function of the template matches '{functionReference}' (functions: {known}){hint}");
    }

    /// <summary>
    /// The in-process handler bound to the function a Task names, looked up by <see cref="SamFunction.LocalHandler"/>.
    /// </summary>
    /// <exception cref="FunctionBindingException">No function matches, it has no handler name, or no handler is registered under it.</exception>
    public THandler FindHandler<THandler>(string functionReference, IReadOnlyDictionary<string, THandler> handlers, string? stateName = null)
    {
        var function = Find(functionReference, stateName);
        if (function.LocalHandler is null)
        {
            throw new FunctionBindingException(
                functionReference, stateName,
                $"function '{function.LogicalId}' ({function.Arn}) has no C# handler name: set Metadata.LocalHandler or a local CodeUri folder");
        }

        return handlers.TryGetValue(function.LocalHandler, out var handler)
            ? handler
            : throw new FunctionBindingException(
                functionReference, stateName,
                $"function '{function.LogicalId}' ({function.Arn}) is bound to C# handler '{function.LocalHandler}', which is not registered " +
                $"(registered: {(handlers.Count == 0 ? "none" : string.Join(", ", handlers.Keys.Order(StringComparer.Ordinal)))})");
    }

    private readonly record struct FunctionReference(string? Partition, string? Region, string? Account, string Name)
    {
        public static FunctionReference? Parse(string text)
        {
            var parts = text.Split(':');
            if (parts is ["arn", var partition, "lambda", var region, var account, "function", var name, ..] && parts.Length <= 8)
            {
                return new FunctionReference(partition, region, account, name);
            }

            if (parts is [var partialAccount, "function", var partialName, ..] && parts.Length <= 4)
            {
                return new FunctionReference(null, null, partialAccount, partialName);
            }

            return parts.Length <= 2 && parts[0].Length > 0 ? new FunctionReference(null, null, null, parts[0]) : null;
        }

        // Components the reference leaves out match anything, as Lambda fills them from the caller's account.
        public bool Matches(FunctionReference function) =>
            Name == function.Name
            && (Partition is null || Partition == function.Partition)
            && (Region is null || Region == function.Region)
            && (Account is null || Account == function.Account);
    }
}
