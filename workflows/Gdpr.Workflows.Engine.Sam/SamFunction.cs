using System.Text.Json.Nodes;

namespace Gdpr.Workflows.Engine.Sam;

/// <summary>
/// An <c>AWS::Serverless::Function</c> with <c>Globals.Function</c> merged in and its intrinsic functions resolved
/// in the local account.
/// </summary>
/// <remarks>
/// <para><see cref="LocalHandler"/> names the in-process C# handler the local engine runs for this function:</para>
/// <list type="number">
/// <item><c>Metadata.LocalHandler</c> of the resource when set (SAM ignores unknown Metadata keys, so deploys are unaffected);</item>
/// <item>else, for a custom runtime (<c>provided*</c>, or Handler <c>bootstrap</c>), the last folder of CodeUri: the function's
/// project folder, which is also its project and assembly name (<c>functions/Gdpr.Workflows.Functions.Erase/</c> →
/// <c>Gdpr.Workflows.Functions.Erase</c>), the code <c>sam build</c> compiles into <c>bootstrap</c>;</item>
/// <item>else the Handler itself (a managed .NET handler, <c>Assembly::Type::Method</c>).</item>
/// </list>
/// <para>It is null when none applies (e.g. a CodeUri in S3); binding such a function fails naming it.</para>
/// </remarks>
public sealed class SamFunction
{
    public required string LogicalId { get; init; }

    /// <summary>FunctionName when set, else <c>{StackName}-{LogicalId}</c>; what <c>!Ref</c> returns.</summary>
    public required string FunctionName { get; init; }

    /// <summary><c>arn:{partition}:lambda:{region}:{account}:function:{FunctionName}</c>; what <c>!GetAtt Fn.Arn</c> returns.</summary>
    public required string Arn { get; init; }

    public string? Handler { get; init; }

    public string? Runtime { get; init; }

    /// <summary>CodeUri as written (resolved), when it is a string.</summary>
    public string? CodeUri { get; init; }

    /// <summary>The absolute local path of CodeUri, relative to the template's folder; null for S3 locations.</summary>
    public string? CodeDirectory { get; init; }

    /// <summary>Seconds; SAM's default is 3.</summary>
    public int Timeout { get; init; }

    /// <summary>Megabytes; SAM's default is 128.</summary>
    public int MemorySize { get; init; }

    /// <summary>Environment.Variables, resolved to text.</summary>
    public required IReadOnlyDictionary<string, string> Environment { get; init; }

    /// <summary>The in-process C# handler's name; see the remarks for the convention.</summary>
    public string? LocalHandler { get; init; }

    /// <summary>The Properties with Globals merged, unresolved.</summary>
    public required JsonObject Properties { get; init; }

    public JsonObject? Metadata { get; init; }

    /// <summary>Events as written, unresolved.</summary>
    public JsonNode? Events { get; init; }

    /// <summary>Policies as written, unresolved.</summary>
    public JsonNode? Policies { get; init; }
}
