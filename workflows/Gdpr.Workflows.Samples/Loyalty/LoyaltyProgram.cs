using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Samples.Seeding;

namespace Gdpr.Workflows.Samples.Loyalty;

/// <summary>
/// A loyalty scheme run by a partner (SQLite), reached through an UNRELIABLE gateway: a sync system whose erasure
/// calls sometimes fail transiently, so the workflow's retries (and a crash in the middle of them) can be seen and
/// tested. Erasing a subject deletes their membership. Not in samples/systems.yaml; a registry lists it as
/// <c>connector: loyalty</c> to use it (the reliability suite does).
/// </summary>
/// <remarks>
/// The failures are deterministic: the gateway counts the calls per request (committed before the call is answered),
/// and call n fails when a hash of (request id, n) falls below <see cref="FailurePercent"/>, at most
/// <see cref="MaxFailuresInARow"/> times per request, so a retrying caller always gets through.
/// </remarks>
public sealed class LoyaltyProgram(string path, int failurePercent = LoyaltyProgram.DefaultFailurePercent, int busyTimeoutSeconds = SampleDatabase.DefaultBusyTimeoutSeconds)
    : SampleDatabase(path, busyTimeoutSeconds), IErasureConnector, ISampleSystem
{
    public const string SystemName = "loyalty";

    /// <summary>About one erasure call in three fails unless told otherwise.</summary>
    public const int DefaultFailurePercent = 35;

    /// <summary>A request's calls fail at most this many times (the workflow retries up to 8 times).</summary>
    public const int MaxFailuresInARow = 2;

    private const string Match = """
        lower(email) IN (SELECT value FROM json_each(@emails)) OR customer_id IN (SELECT value FROM json_each(@customers))
        """;

    public string Name => SystemName;

    /// <summary>The share of calls (0 to 100) that fail transiently, within <see cref="MaxFailuresInARow"/>.</summary>
    public int FailurePercent { get; } = failurePercent is >= 0 and <= 100
        ? failurePercent
        : throw new ArgumentOutOfRangeException(nameof(failurePercent), failurePercent, "A percentage is 0 to 100.");

    protected override string Schema => """
        CREATE TABLE IF NOT EXISTS members (
            customer_id TEXT PRIMARY KEY,
            email TEXT NOT NULL,
            points INTEGER NOT NULL,
            joined_on TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS gateway_calls (
            request_id TEXT PRIMARY KEY,
            calls INTEGER NOT NULL,
            failures INTEGER NOT NULL
        );
        """ + ErasureLog.Schema;

    /// <summary>Enrols every other customer (the first one included), with points derived from their id: deterministic, like the seeder.</summary>
    public Task<int> EnrolAsync(IEnumerable<SampleCustomer> customers, DateOnly joinedOn, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            var enrolled = 0;
            foreach (var (customer, index) in customers.Select((c, i) => (c, i)).Where(p => p.i % 2 == 0))
            {
                enrolled += await ExecuteAsync(connection, transaction, """
                    INSERT INTO members (customer_id, email, points, joined_on) VALUES (@id, @email, @points, @joined)
                    ON CONFLICT (customer_id) DO NOTHING
                    """, cancellationToken,
                    ("@id", customer.CustomerId), ("@email", customer.Email), ("@points", 100 + (index * 37 % 900)), ("@joined", Iso(joinedOn)));
            }

            return enrolled;
        }, cancellationToken);

    public async Task<ConnectorResult> EraseAsync(ErasureContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (await PassGatewayAsync(context.RequestId, cancellationToken) is false)
        {
            throw new TransientConnectorException("The loyalty partner's gateway did not answer (a transient failure; try again).");
        }

        var keys = SubjectKeys.Of(context.Subject);
        return await InTransactionAsync(async (connection, transaction) =>
        {
            if (await ErasureLog.FindAsync(connection, transaction, context.RequestId, cancellationToken) is { } logged)
            {
                return logged;
            }

            var deleted = await ExecuteAsync(connection, transaction, $"DELETE FROM members WHERE {Match}", cancellationToken,
                ("@emails", JsonList(keys.Emails)), ("@customers", JsonList(keys.CustomerIds)));
            var reference = string.Create(CultureInfo.InvariantCulture, $"loyalty:{context.RequestId}:members-deleted={deleted}");
            var result = new ConnectorResult(deleted > 0 ? ErasureOutcome.Erased : ErasureOutcome.NotHeld, reference);
            await ErasureLog.RecordAsync(connection, transaction, context.RequestId, result, context.Today, cancellationToken);
            return result;
        }, cancellationToken);
    }

    /// <summary>Memberships of the subject.</summary>
    public Task<int> CountRemainingAsync(SubjectIdentifiers subject, CancellationToken cancellationToken = default)
    {
        var keys = SubjectKeys.Of(subject);
        return InTransactionAsync(async (connection, transaction) => (int)await ScalarAsync(connection, transaction, $"SELECT count(*) FROM members WHERE {Match}",
            cancellationToken, ("@emails", JsonList(keys.Emails)), ("@customers", JsonList(keys.CustomerIds))), cancellationToken);
    }

    /// <summary>Calls the gateway answered with a failure, over every request: how often the workflow had to retry.</summary>
    public Task<long> GatewayFailuresAsync(CancellationToken cancellationToken = default) =>
        InTransactionAsync((connection, transaction) => ScalarAsync(connection, transaction, "SELECT coalesce(sum(failures), 0) FROM gateway_calls", cancellationToken), cancellationToken);

    /// <summary>Counts the call (committed, so a crash does not replay the same number) and says whether it gets through.</summary>
    private Task<bool> PassGatewayAsync(string requestId, CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            var call = await ScalarAsync(connection, transaction, """
                INSERT INTO gateway_calls (request_id, calls, failures) VALUES (@id, 1, 0)
                ON CONFLICT (request_id) DO UPDATE SET calls = calls + 1
                RETURNING calls
                """, cancellationToken, ("@id", requestId));
            var failures = await ScalarAsync(connection, transaction, "SELECT failures FROM gateway_calls WHERE request_id = @id", cancellationToken, ("@id", requestId));
            if (failures >= MaxFailuresInARow || !Fails(requestId, call))
            {
                return true;
            }

            await ExecuteAsync(connection, transaction, "UPDATE gateway_calls SET failures = failures + 1 WHERE request_id = @id", cancellationToken, ("@id", requestId));
            return false;
        }, cancellationToken);

    private bool Fails(string requestId, long call)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{requestId}#{call}")));
        return BitConverter.ToUInt32(hash, 0) % 100 < FailurePercent;
    }
}
