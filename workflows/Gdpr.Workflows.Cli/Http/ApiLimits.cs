using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// The HTTP limits of <c>gdpr serve</c>, in two walls. Kestrel's own limits (<see cref="Configure"/>) are the outer
/// wall: what no client of ours ever sends is refused by Kestrel itself, with a bare 4xx and no JSON. The API's limits
/// are tighter and answer with a JSON error naming the limit: headers (<see cref="HeaderLimitMiddleware"/>, 431),
/// bodies (<see cref="JsonRequestBody"/>, 413/415), JSON nesting (400) and concurrency (<see cref="BackPressureMiddleware"/>).
/// </summary>
internal static class ApiLimits
{
    /// <summary>The largest JSON body a route reads; a larger one is drained and answered 413.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public const int MaxJsonDepth = 16;

    /// <summary>The API's header limits (431 with a JSON error).</summary>
    public const int MaxHeaderCount = 100;

    public const int MaxHeaderBytes = 16 * 1024;

    /// <summary>
    /// The most of a refused body that is read and dropped so the client reads the answer instead of a reset
    /// connection; Kestrel refuses (and closes) a body larger than this outright.
    /// </summary>
    public const long MaxDrainBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Back-pressure: at most this many calls that write (POST) run at once, and this many reads. The rest wait their
    /// turn in order, in memory, instead of all contending for SQLite's write lock, where a caller starved past the
    /// busy timeout would fail with SQLITE_BUSY (a 500 that loses the request). Under load a call is slower, never refused.
    /// </summary>
    public const int MaxConcurrentWrites = 4;

    public const int MaxConcurrentReads = 16;

    /// <summary>The outer wall, set on Kestrel.</summary>
    public static void Configure(KestrelServerLimits limits)
    {
        // Above the API's own limits, so that a request within reach of a client gets the API's JSON answer; beyond
        // these Kestrel answers 431/414/413 itself (or closes the connection).
        limits.MaxRequestHeadersTotalSize = 32 * 1024;
        limits.MaxRequestHeaderCount = 4096;
        limits.MaxRequestLineSize = 8 * 1024;
        limits.MaxRequestBodySize = MaxDrainBytes;
        limits.MaxConcurrentConnections = 1024;
        limits.MaxConcurrentUpgradedConnections = 0;
        limits.RequestHeadersTimeout = TimeSpan.FromSeconds(30);
        limits.KeepAliveTimeout = TimeSpan.FromMinutes(2);
    }
}
