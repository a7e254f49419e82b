namespace Gdpr.Workflows.Aws.Tests.TestSupport;

/// <summary>
/// A moto server that checks signatures and IAM policies (moto's IAM auth), after <see cref="UnauthenticatedCalls"/>
/// unchecked calls with which a test creates the user and key it then signs with.
/// </summary>
public sealed class MotoServerWithIamAuth : MotoServer
{
    public const int UnauthenticatedCalls = 3;

    public MotoServerWithIamAuth()
        : base(new Dictionary<string, string> { ["INITIAL_NO_AUTH_ACTION_COUNT"] = UnauthenticatedCalls.ToString(System.Globalization.CultureInfo.InvariantCulture) })
    {
    }
}
