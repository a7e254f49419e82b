using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Gdpr.Workflows.Conformance.Core;

/// <summary>
/// Applies to an actual result the replacements the snapshot recorder applied to AWS's: ISO-8601 timestamps
/// → <c>date</c>, the account id → <c>111111111111</c>, <c>arn:aws:</c> → <c>arn:&lt;partition&gt;:</c>,
/// the region → <c>&lt;region&gt;</c>. The recorder worked on the whole record's text, so keys are replaced too.
/// </summary>
internal sealed partial class RecorderNormalizer(string accountId, string region)
{
    public const string RecordedAccountId = "111111111111";

    public string Normalize(string text)
    {
        var result = IsoTimestamp().Replace(text, m => IsCalendarDate(m.Groups["date"].Value) ? "date" : m.Value);
        result = result.Replace(accountId, RecordedAccountId, StringComparison.Ordinal);
        result = result.Replace("arn:aws:", "arn:<partition>:", StringComparison.Ordinal);
        return result.Replace(region, "<region>", StringComparison.Ordinal);
    }

    /// <summary>A normalised deep copy.</summary>
    public JsonNode? Normalize(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => new JsonObject(obj.Select(p => KeyValuePair.Create(Normalize(p.Key), Normalize(p.Value)))),
        JsonArray array => new JsonArray([.. array.Select(Normalize)]),
        JsonValue value when value.GetValueKind() == JsonValueKind.String => JsonValue.Create(Normalize(value.GetValue<string>())),
        _ => node.DeepClone(),
    };

    private static bool IsCalendarDate(string date) =>
        DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _);

    // YYYY-MM-DDThh:mm:ss[.f{1,9}](Z|±hh[:][mm]), as the recorder's pattern.
    [GeneratedRegex(@"(?<date>\d{4}-\d{2}-\d{2})T(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d{1,9})?(?:Z|[+-][01]\d(?::?[0-5]\d)?)")]
    private static partial Regex IsoTimestamp();
}
