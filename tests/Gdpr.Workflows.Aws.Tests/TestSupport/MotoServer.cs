using Amazon.Runtime;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.TestSupport.Moto;

namespace Gdpr.Workflows.Aws.Tests.TestSupport;

/// <summary>
/// A <c>moto_server</c> (TestSupport's <see cref="MotoServerProcess"/>) on a free loopback port, for the life of a test
/// class or collection. Fails with a clear message if moto is missing or does not come up.
/// </summary>
public class MotoServer : IDisposable
{
    public const string Region = "eu-west-1";

    private readonly MotoServerProcess _process;

    public MotoServer()
        : this(new Dictionary<string, string>())
    {
    }

    /// <param name="environment">Extra variables for the server, e.g. moto's INITIAL_NO_AUTH_ACTION_COUNT.</param>
    protected MotoServer(IReadOnlyDictionary<string, string> environment) => _process = MotoServerProcess.Start(environment);

    public Uri Endpoint => _process.Endpoint;

    /// <summary>Options for a client of this server; moto accepts any credentials unless IAM auth is on.</summary>
    public AwsClientOptions Options(AWSCredentials? credentials = null) => new()
    {
        Region = Region,
        Endpoint = Endpoint,
        Credentials = credentials ?? new BasicAWSCredentials("AKIDMOTO", "moto-secret"),
    };

    public void Dispose()
    {
        _process.Dispose();
        GC.SuppressFinalize(this);
    }
}

[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoServer>
{
    public const string Name = "moto";
}
