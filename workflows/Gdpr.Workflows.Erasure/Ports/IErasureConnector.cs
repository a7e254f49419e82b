using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Erasure.Ports;

/// <summary>What a connector is asked to erase: the subject's identifiers (from the vault) in one system.</summary>
/// <param name="RequestId">The erasure request; a connector may use it to make its work idempotent.</param>
/// <param name="System">The system's registry entry, with its retention rules.</param>
/// <param name="Subject">The subject's normalised identifiers. Personal data: never log or return them.</param>
/// <param name="Today">The organisation's calendar day, for retention dates.</param>
public sealed record ErasureContext(string RequestId, SystemDefinition System, SubjectIdentifiers Subject, DateOnly Today);

/// <summary>
/// A connector's answer. <paramref name="Reference"/> is the system's own reference (never personal data). For
/// <see cref="ErasureOutcome.Retained"/>, <paramref name="RetainedData"/> names the system's retention rule
/// ("invoices") and <paramref name="RetainUntil"/> the last day it is kept (default: today plus the rule's period).
/// </summary>
public sealed record ConnectorResult(ErasureOutcome Outcome, string Reference, string? RetainedData = null, DateOnly? RetainUntil = null);

/// <summary>
/// Erases a subject in one system, synchronously. Must be idempotent: erasing again changes nothing and answers
/// the same way (erased → erased or not_held, retained → retained). A failure that may pass (a lock, a timeout, a
/// network fault) is reported by throwing <see cref="TransientConnectorException"/> or <see cref="TimeoutException"/>;
/// any other exception is permanent. Exception messages must not quote personal data.
/// </summary>
public interface IErasureConnector
{
    /// <summary>The connector name the registry refers to (<see cref="SystemDefinition.Connector"/>).</summary>
    string Name { get; }

    Task<ConnectorResult> EraseAsync(ErasureContext context, CancellationToken cancellationToken = default);
}

/// <summary>A connector failure that may pass if tried again later.</summary>
public class TransientConnectorException : Exception
{
    public TransientConnectorException()
        : base("The system is temporarily unavailable.")
    {
    }

    public TransientConnectorException(string message)
        : base(message)
    {
    }

    public TransientConnectorException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
