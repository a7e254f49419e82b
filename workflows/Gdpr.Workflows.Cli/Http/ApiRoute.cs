using System.Text.Json.Nodes;
using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>What a route handler answers: a status and a JSON body.</summary>
internal readonly record struct ApiAnswer(int Status, JsonNode? Body);

/// <summary>One API route: method, path pattern (ASP.NET Core route syntax), the roles that may call it, its handler.</summary>
internal sealed record ApiRoute(string Method, string Pattern, IReadOnlyList<ApiRole> Roles, Func<ApiCall, Task<ApiAnswer>> Handle);
