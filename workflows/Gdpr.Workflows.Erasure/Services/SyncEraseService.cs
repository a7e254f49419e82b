using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Erasure.Services;

/// <summary>
/// Erases the subject in one sync system (the SyncErase function): reads the identifiers from the vault, calls the
/// system's <see cref="IErasureConnector"/> and returns <c>{outcome, receipt}</c>.
/// </summary>
/// <remarks>
/// A connector's transient failure becomes <see cref="TransientErasureException"/> ("Erasure.TransientError", retried by
/// the definition); any other failure a permanent <see cref="ErasureErrorTypes.ConnectorFailed"/>. Connector exceptions
/// are not passed on, not even as inner exceptions: their messages could quote the subject's data, and a function's
/// error ends up in the execution history. Only the exception's type name is kept.
/// </remarks>
public sealed class SyncEraseService
{
    private readonly SystemRegistry _registry;
    private readonly SubjectVault _vault;
    private readonly Dictionary<string, IErasureConnector> _connectors;
    private readonly ErasureDeadlines _deadlines;
    private readonly TimeProvider _time;

    public SyncEraseService(SystemRegistry registry, SubjectVault vault, IEnumerable<IErasureConnector> connectors, ErasureDeadlines deadlines, TimeProvider timeProvider)
    {
        _registry = registry;
        _vault = vault;
        _connectors = connectors.ToDictionary(c => c.Name, StringComparer.Ordinal);
        _deadlines = deadlines;
        _time = timeProvider;
    }

    public async Task<ErasureAnswer> EraseAsync(string requestId, string executionId, string system, CancellationToken cancellationToken = default)
    {
        requestId = SafeText.RequestId(requestId);
        SafeText.ExecutionId(executionId);
        var definition = _registry.Find(SafeText.SystemName(system))
            ?? throw new InvalidInputException($"System '{system}' is not in the registry.");
        if (definition.Mode != ErasureMode.Sync)
        {
            throw new InvalidInputException($"System '{definition.Name}' is erased asynchronously; it answers through the callback API.");
        }

        if (!_connectors.TryGetValue(definition.Connector, out var connector))
        {
            throw new ErasureException(ErasureErrorKind.Failed, ErasureErrorTypes.ConnectorMissing,
                $"No connector named '{definition.Connector}' is installed for system '{definition.Name}'.");
        }

        var subject = await SubjectAccess.OpenAsync(_vault, requestId, cancellationToken);
        var today = _deadlines.Day(_time.GetUtcNow());
        ConnectorResult result;
        try
        {
            result = await connector.EraseAsync(new ErasureContext(requestId, definition, subject, today), cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception e) when (e is TransientConnectorException or TimeoutException)
        {
            throw new TransientErasureException($"System '{definition.Name}' is temporarily unavailable ({e.GetType().Name}); the erasure will be retried.");
        }
        catch (Exception e) when (e is not ErasureException)
        {
            throw new ErasureException(ErasureErrorKind.Failed, ErasureErrorTypes.ConnectorFailed,
                $"The connector of system '{definition.Name}' failed ({e.GetType().Name}).");
        }

        return RetentionCheck.FromConnector(definition, result, today);
    }

    /// <summary>
    /// Checks an async system's answer against its registry entry exactly as a sync connector's (see <see cref="RetentionCheck"/>):
    /// the workflow calls this with the answer of a callback before recording it.
    /// </summary>
    /// <exception cref="ErasureException">Erasure.UndeclaredRetention: the answer keeps data the registry does not allow.</exception>
    public ErasureAnswer CheckAnswer(string requestId, string executionId, string system, ErasureAnswer answer)
    {
        SafeText.RequestId(requestId);
        SafeText.ExecutionId(executionId);
        var definition = _registry.Find(SafeText.SystemName(system))
            ?? throw new InvalidInputException($"System '{system}' is not in the registry.");
        return RetentionCheck.Check(definition, answer, _deadlines.Day(_time.GetUtcNow()));
    }
}
