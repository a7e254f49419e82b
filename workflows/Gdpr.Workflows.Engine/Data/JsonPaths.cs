namespace Gdpr.Workflows.Engine.Data;

/// <summary>
/// JSONPath as the Amazon States Language uses it: Paths (InputPath, OutputPath, ItemsPath, *Path
/// fields and <c>.$</c> values), Reference Paths (ResultPath, Choice Variable) and ResultPath merging.
/// A path starts with <c>$</c> (the input), <c>$$</c> (the context object) or <c>$name</c> (a variable).
/// The syntax and the failure messages follow Jayway JsonPath, which Step Functions uses. Values handed
/// out are fresh copies: callers may attach them anywhere, and the nodes passed in are never changed.
/// </summary>
/// <remarks>
/// Selection is in JsonPaths.Select.cs, ResultPath merging in JsonPaths.ResultPath.cs and definition-time
/// checks in JsonPaths.Validation.cs.
/// </remarks>
public static partial class JsonPaths;
