using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;
using Amazon.Runtime.Credentials;

namespace Gdpr.Workflows.Aws;

/// <summary>Finds credentials the way a Lambda function or a developer's shell provides them.</summary>
public static class AwsCredentialsResolver
{
    /// <summary>
    /// In order: <c>AWS_ACCESS_KEY_ID</c> + <c>AWS_SECRET_ACCESS_KEY</c> (+ <c>AWS_SESSION_TOKEN</c>), as Lambda sets them;
    /// the profile named by <c>AWS_PROFILE</c>; otherwise AWSSDK.Core's default chain (default profile, SSO,
    /// container and instance roles). The environment comes first so a Lambda cold start never walks the chain.
    /// </summary>
    /// <param name="getVariable">Reads a variable; null for the process environment.</param>
    public static AWSCredentials Resolve(Func<string, string?>? getVariable = null)
    {
        getVariable ??= Environment.GetEnvironmentVariable;
        var accessKey = getVariable("AWS_ACCESS_KEY_ID");
        var secretKey = getVariable("AWS_SECRET_ACCESS_KEY");
        if (!string.IsNullOrEmpty(accessKey) && !string.IsNullOrEmpty(secretKey))
        {
            var sessionToken = getVariable("AWS_SESSION_TOKEN");
            return string.IsNullOrEmpty(sessionToken)
                ? new BasicAWSCredentials(accessKey, secretKey)
                : new SessionAWSCredentials(accessKey, secretKey, sessionToken);
        }

        var profile = getVariable("AWS_PROFILE");
        if (!string.IsNullOrEmpty(profile))
        {
            return FromProfile(profile);
        }

        using var chain = new DefaultAWSCredentialsIdentityResolver();
        return chain.ResolveIdentity(clientConfig: null);
    }

    /// <summary>The credentials of a named profile in the shared config/credentials files.</summary>
    /// <param name="credentialsFile">A credentials file to read instead of the default (~/.aws/credentials and config).</param>
    /// <exception cref="InvalidOperationException">No such profile, or it has no usable credentials.</exception>
    public static AWSCredentials FromProfile(string profileName, string? credentialsFile = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(profileName);
        var profiles = credentialsFile is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(credentialsFile);
        return profiles.TryGetAWSCredentials(profileName, out var credentials)
            ? credentials
            : throw new InvalidOperationException($"AWS profile '{profileName}' was not found or has no usable credentials.");
    }
}
