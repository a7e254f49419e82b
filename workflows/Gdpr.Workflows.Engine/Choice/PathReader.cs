using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;

namespace Gdpr.Workflows.Engine.Choice;

/// <summary>
/// Reads the value at a path (<c>$.a</c>, <c>$$.b</c>, <c>$var.c</c>) for a Choice rule.
/// Returns false when nothing matches the path; a match whose value is JSON null returns true with a null value.
/// </summary>
public delegate bool PathReader(string path, PathContext context, out JsonNode? value);
