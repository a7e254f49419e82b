using System.Security.Cryptography;
using Gdpr.Workflows.Stores.DynamoDb;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// Work every function's first AWS call needs, started on another core while the function composes itself and
/// fetches its first event, instead of on the way to its first answer.
/// </summary>
public static class ColdStartPriming
{
    private static int _started;

    /// <summary>Starts the priming once per process; returns at once. Failures are ignored: the real call will meet them.</summary>
    public static void Start()
    {
        if (Interlocked.Exchange(ref _started, 1) == 1)
        {
            return;
        }

        // One thread: the crypto is needed first (the first request's signature), the metadata after its answer.
        _ = Task.Run(() =>
        {
            LoadCrypto();
            PrepareStoreMetadata();
        });
    }

    // Most functions read or write a request document first thing; its JSON metadata is built on first use.
    private static void PrepareStoreMetadata()
    {
        try
        {
            DynamoDbStoreMetadata.Prepare();
        }
#pragma warning disable CA1031 // Priming is best effort: the first real read reports any failure where it matters.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }

    // Every AWS request is signed with HMAC-SHA256, and on AWS sent over TLS: both load OpenSSL (libssl, libcrypto,
    // its configuration and .NET's bindings), about 2 ms of a Native AOT process's start on the benchmark machine.
    private static void LoadCrypto()
    {
        try
        {
            Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
            HMACSHA256.HashData("prime"u8, "prime"u8, mac);
        }
#pragma warning disable CA1031 // Priming is best effort: the first real signature reports any failure where it matters.
        catch (Exception)
#pragma warning restore CA1031
        {
        }
    }
}
