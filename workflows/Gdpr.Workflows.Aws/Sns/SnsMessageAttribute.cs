using System.Globalization;

namespace Gdpr.Workflows.Aws.Sns;

/// <summary>A message attribute, e.g. the <c>system</c> attribute that subscription filter policies match.</summary>
public sealed record SnsMessageAttribute(string DataType, string StringValue)
{
    public static SnsMessageAttribute FromString(string value) => new("String", value);

    public static SnsMessageAttribute FromNumber(decimal value) => new("Number", value.ToString(CultureInfo.InvariantCulture));
}
