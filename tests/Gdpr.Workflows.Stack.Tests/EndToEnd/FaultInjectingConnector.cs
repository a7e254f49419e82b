using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Stack.Tests.EndToEnd;

/// <summary>How a wrapped sample system misbehaves before (or instead of) erasing.</summary>
internal enum Fault
{
    None,

    /// <summary>A lock or a network fault: <see cref="TransientConnectorException"/>, which the definition retries.</summary>
    Transient,

    /// <summary>A broken system: any other exception, which the definition does not retry.</summary>
    Permanent,
}

/// <summary>
/// Decorates a real sample system's connector (same name, so the registry entry reaches it) and fails its first
/// <see cref="FailuresLeft"/> calls with <see cref="Fault"/>; the calls after that reach the real system. Every call is
/// counted, so a test can tell how often the workflow asked.
/// </summary>
internal sealed class FaultInjectingConnector(IErasureConnector inner) : IErasureConnector
{
    private int calls;
    private int failuresLeft;

    public string Name => inner.Name;

    public Fault Fault { get; set; }

    /// <summary>How many more calls fail; <see cref="int.MaxValue"/> for a system that never recovers.</summary>
    public int FailuresLeft
    {
        get => Volatile.Read(ref failuresLeft);
        set => Volatile.Write(ref failuresLeft, value);
    }

    /// <summary>Calls received, failed ones included.</summary>
    public int Calls => Volatile.Read(ref calls);

    public Task<ConnectorResult> EraseAsync(ErasureContext context, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref calls);
        if (Fault != Fault.None && Interlocked.Decrement(ref failuresLeft) >= 0)
        {
            throw Fault == Fault.Transient
                ? new TransientConnectorException($"{Name} is locked by a batch job (injected).")
                : new InvalidOperationException($"{Name} rejected the erasure (injected).");
        }

        return inner.EraseAsync(context, cancellationToken);
    }
}
