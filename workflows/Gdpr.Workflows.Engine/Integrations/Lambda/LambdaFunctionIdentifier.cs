using System.Diagnostics.CodeAnalysis;

namespace Gdpr.Workflows.Engine.Integrations.Lambda;

/// <summary>
/// A function reference in any form Lambda's Invoke accepts: <c>name</c>, <c>name:qualifier</c>,
/// the partial ARN <c>account:function:name[:qualifier]</c>, or
/// <c>arn:partition:lambda:region:account:function:name[:qualifier]</c>. Parts the form leaves out are null.
/// </summary>
public sealed record LambdaFunctionIdentifier(
    string Name,
    string? Qualifier,
    string? Region,
    string? AccountId,
    string? Partition)
{
    /// <summary>The version Lambda runs when no qualifier is given.</summary>
    public const string LatestVersion = "$LATEST";

    public static bool TryParse(string? value, [NotNullWhen(true)] out LambdaFunctionIdentifier? identifier)
    {
        identifier = null;
        if (string.IsNullOrEmpty(value))
        {
            return false;
        }

        var parts = value.Split(':');
        identifier = parts switch
        {
            ["arn", var partition, "lambda", var region, var account, "function", var name] =>
                Build(name, null, region, account, partition),
            ["arn", var partition, "lambda", var region, var account, "function", var name, var qualifier] =>
                Build(name, qualifier, region, account, partition),
            [var account, "function", var name] => Build(name, null, null, account, null),
            [var account, "function", var name, var qualifier] => Build(name, qualifier, null, account, null),
            [var name] => Build(name, null, null, null, null),
            [var name, var qualifier] => Build(name, qualifier, null, null, null),
            _ => null,
        };
        return identifier is not null;
    }

    /// <summary>Parses <paramref name="value"/>; throws <see cref="ArgumentException"/> when it is no function reference.</summary>
    public static LambdaFunctionIdentifier Parse(string value) =>
        TryParse(value, out var identifier)
            ? identifier
            : throw new ArgumentException($"'{value}' is not a Lambda function name or ARN.", nameof(value));

    /// <summary>The function's ARN, with the qualifier when one was given (or <c>$LATEST</c> when asked for).</summary>
    public string ToArn(string defaultPartition, string defaultRegion, string defaultAccountId, bool qualifyWithLatest = false)
    {
        var arn = $"arn:{Partition ?? defaultPartition}:lambda:{Region ?? defaultRegion}:{AccountId ?? defaultAccountId}:function:{Name}";
        var qualifier = Qualifier ?? (qualifyWithLatest ? LatestVersion : null);
        return qualifier is null ? arn : $"{arn}:{qualifier}";
    }

    private static LambdaFunctionIdentifier? Build(string name, string? qualifier, string? region, string? account, string? partition)
    {
        if (name.Length == 0 || qualifier?.Length == 0 || region?.Length == 0 || account?.Length == 0 || partition?.Length == 0)
        {
            return null;
        }

        // $LATEST named explicitly is the same function as no qualifier at all.
        return new LambdaFunctionIdentifier(name, qualifier == LatestVersion ? null : qualifier, region, account, partition);
    }
}
