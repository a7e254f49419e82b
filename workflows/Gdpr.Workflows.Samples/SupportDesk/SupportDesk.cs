using System.Globalization;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Samples.SupportDesk;

/// <summary>A support ticket as the desk stores it.</summary>
public sealed record SupportTicket(string Reference, string RequesterName, string RequesterEmail, string? RequesterPhoneE164, string Subject, DateOnly OpenedOn, IReadOnlyList<string> Messages);

/// <summary>
/// What processing a task did: "answered" (the workflow took the answer), "failed" (a transient failure was reported,
/// the workflow asks again), or "abandoned" (the task had ended: the request was cancelled or timed out).
/// </summary>
public sealed record DeskTaskResult(string RequestId, string State, string? Outcome);

/// <summary>
/// The support desk (SQLite), an ASYNCHRONOUS system: the workflow sends it an erasure task with a task token
/// (<see cref="ReceiveTaskAsync"/>), and the desk works through its queue later (<see cref="ProcessPendingAsync"/>):
/// it redacts the requester's tickets, deletes their messages and answers through the callback API.
/// </summary>
/// <remarks>
/// The desk keeps the token only until it has answered (a token is a credential). The erasure and the answer are stored
/// in one transaction before calling back, so a crash before the callback repeats the same answer, and a task asked
/// again (a new token) gets the stored answer.
/// </remarks>
public sealed class SupportDesk(string path, TimeProvider timeProvider, int busyTimeoutSeconds = SampleDatabase.DefaultBusyTimeoutSeconds)
    : SampleDatabase(path, busyTimeoutSeconds), ISampleSystem
{
    public const string SystemName = "support-desk";

    private const string Match = """
        lower(requester_email) IN (SELECT value FROM json_each(@emails)) OR requester_phone_e164 IN (SELECT value FROM json_each(@phones))
        """;

    public string Name => SystemName;

    protected override string Schema => """
        CREATE TABLE IF NOT EXISTS tickets (
            id INTEGER PRIMARY KEY,
            reference TEXT NOT NULL UNIQUE,
            requester_name TEXT,
            requester_email TEXT,
            requester_phone_e164 TEXT,
            subject TEXT NOT NULL,
            opened_on TEXT NOT NULL,
            redacted_on TEXT
        );
        CREATE TABLE IF NOT EXISTS ticket_messages (
            id INTEGER PRIMARY KEY,
            ticket_id INTEGER NOT NULL REFERENCES tickets(id) ON DELETE CASCADE,
            body TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS erasure_tasks (
            request_id TEXT NOT NULL,
            system TEXT NOT NULL,
            task_token TEXT,
            received_at TEXT NOT NULL,
            state TEXT NOT NULL,
            outcome TEXT,
            reference TEXT,
            PRIMARY KEY (request_id, system)
        );
        """ + ErasureLog.EffectsSchema;

    public Task InsertAsync(IEnumerable<SupportTicket> tickets, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            foreach (var t in tickets)
            {
                var id = await ScalarAsync(connection, transaction, """
                    INSERT INTO tickets (reference, requester_name, requester_email, requester_phone_e164, subject, opened_on)
                    VALUES (@reference, @name, @email, @phone, @subject, @opened) RETURNING id
                    """, cancellationToken,
                    ("@reference", t.Reference), ("@name", t.RequesterName), ("@email", t.RequesterEmail), ("@phone", t.RequesterPhoneE164),
                    ("@subject", t.Subject), ("@opened", Iso(t.OpenedOn)));
                foreach (var body in t.Messages)
                {
                    await ExecuteAsync(connection, transaction, "INSERT INTO ticket_messages (ticket_id, body) VALUES (@id, @body)", cancellationToken, ("@id", id), ("@body", body));
                }
            }

            return 0;
        }, cancellationToken);

    /// <summary>
    /// Takes an erasure task off the topic. A duplicate delivery changes nothing; the same request asked again with a new
    /// token is queued again (and gets the stored answer if the desk had already erased).
    /// </summary>
    public Task ReceiveTaskAsync(ErasureTaskMessage task, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(task);
        if (task.System != SystemName)
        {
            throw new ArgumentException($"The task is for system '{task.System}', not {SystemName}.", nameof(task));
        }

        return InTransactionAsync(async (connection, transaction) => await ExecuteAsync(connection, transaction, """
            INSERT INTO erasure_tasks (request_id, system, task_token, received_at, state) VALUES (@request, @system, @token, @now, 'pending')
            ON CONFLICT (request_id, system) DO UPDATE SET
                task_token = excluded.task_token,
                received_at = excluded.received_at,
                state = CASE WHEN erasure_tasks.outcome IS NOT NULL THEN 'erased' ELSE 'pending' END
            WHERE erasure_tasks.task_token IS NOT excluded.task_token
            """, cancellationToken, ("@request", task.RequestId), ("@system", task.System), ("@token", task.TaskToken),
            ("@now", timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture))), cancellationToken);
    }

    /// <summary>Tasks received and not yet answered.</summary>
    public Task<int> PendingTaskCountAsync(CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (connection, transaction) =>
            (int)await ScalarAsync(connection, transaction, "SELECT count(*) FROM erasure_tasks WHERE state IN ('pending', 'erased')", cancellationToken),
            cancellationToken);

    /// <summary>Works through the queue: erases and answers every pending task through <paramref name="callbacks"/>.</summary>
    public async Task<IReadOnlyList<DeskTaskResult>> ProcessPendingAsync(ITaskCallbacks callbacks, ISubjectSource subjects, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        ArgumentNullException.ThrowIfNull(subjects);
        var tasks = await InTransactionAsync((connection, transaction) => QueryAsync(connection, transaction,
            "SELECT request_id, task_token, state FROM erasure_tasks WHERE state IN ('pending', 'erased') ORDER BY received_at",
            r => (RequestId: r.GetString(0), Token: r.GetString(1), State: r.GetString(2)), cancellationToken), cancellationToken);
        var results = new List<DeskTaskResult>();
        foreach (var task in tasks)
        {
            results.Add(await ProcessAsync(task.RequestId, task.Token, task.State == "erased", callbacks, subjects, cancellationToken));
        }

        return results;
    }

    /// <summary>Tickets and messages about the subject that are not redacted.</summary>
    public Task<int> CountRemainingAsync(SubjectIdentifiers subject, CancellationToken cancellationToken = default)
    {
        var keys = SubjectKeys.Of(subject);
        return InTransactionAsync(async (connection, transaction) => (int)await ScalarAsync(connection, transaction, $"""
            SELECT (SELECT count(*) FROM tickets WHERE {Match})
                 + (SELECT count(*) FROM ticket_messages WHERE ticket_id IN (SELECT id FROM tickets WHERE {Match}))
            """, cancellationToken, ("@emails", JsonList(keys.Emails)), ("@phones", JsonList(keys.Phones))), cancellationToken);
    }

    private async Task<DeskTaskResult> ProcessAsync(string requestId, string token, bool erased, ITaskCallbacks callbacks, ISubjectSource subjects, CancellationToken cancellationToken)
    {
        if (!erased)
        {
            SubjectIdentifiers subject;
            try
            {
                subject = await subjects.GetAsync(requestId, cancellationToken);
                await callbacks.HeartbeatAsync(token, cancellationToken);
            }
            catch (ErasureException e) when (e.Kind is ErasureErrorKind.Conflict or ErasureErrorKind.NotFound)
            {
                return await CloseAsync(requestId, "abandoned", cancellationToken);
            }
            catch (ErasureException e) when (e.ErrorType == ErasureErrorTypes.SubjectUnavailable)
            {
                return await FailAsync(requestId, token, e.ErrorType, "abandoned", callbacks, cancellationToken);
            }

            try
            {
                await EraseAsync(requestId, subject, cancellationToken);
            }
            catch (TransientConnectorException)
            {
                return await FailAsync(requestId, token, ErasureErrorTypes.TransientError, "failed", callbacks, cancellationToken);
            }
        }

        var answer = await StoredAnswerAsync(requestId, cancellationToken);
        try
        {
            await callbacks.CompleteAsync(token, answer, cancellationToken);
        }
        catch (ErasureException e) when (e.Kind is ErasureErrorKind.Conflict or ErasureErrorKind.NotFound)
        {
            return await CloseAsync(requestId, "abandoned", cancellationToken, answer.Outcome);
        }

        return await CloseAsync(requestId, "answered", cancellationToken, answer.Outcome);
    }

    private async Task<DeskTaskResult> FailAsync(string requestId, string token, string error, string state, ITaskCallbacks callbacks, CancellationToken cancellationToken)
    {
        try
        {
            await callbacks.FailAsync(token, error, cancellationToken);
        }
        catch (ErasureException e) when (e.Kind is ErasureErrorKind.Conflict or ErasureErrorKind.NotFound)
        {
            state = "abandoned";
        }

        return await CloseAsync(requestId, state, cancellationToken);
    }

    /// <summary>Redacts the subject's tickets and stores the answer with the task, in one transaction.</summary>
    private Task<int> EraseAsync(string requestId, SubjectIdentifiers subject, CancellationToken cancellationToken)
    {
        var keys = SubjectKeys.Of(subject);
        var day = DateOnly.FromDateTime(timeProvider.GetUtcNow().UtcDateTime);
        var today = Iso(day);
        (string, object?)[] match = [("@emails", JsonList(keys.Emails)), ("@phones", JsonList(keys.Phones))];
        return InTransactionAsync(async (connection, transaction) =>
        {
            // Erased before (a second process working the queue, or a crash before the task was closed): keep that answer.
            if (await ScalarAsync(connection, transaction, "SELECT count(*) FROM erasure_tasks WHERE request_id = @request AND system = @system AND outcome IS NOT NULL",
                    cancellationToken, ("@request", requestId), ("@system", SystemName)) > 0)
            {
                return 0;
            }

            var messages = await ExecuteAsync(connection, transaction,
                $"DELETE FROM ticket_messages WHERE ticket_id IN (SELECT id FROM tickets WHERE {Match})", cancellationToken, match);
            var tickets = await ExecuteAsync(connection, transaction, $"""
                UPDATE tickets SET requester_name = NULL, requester_email = NULL, requester_phone_e164 = NULL, subject = '[erased]', redacted_on = @today
                WHERE {Match}
                """, cancellationToken, [.. match, ("@today", today)]);
            var outcome = tickets > 0 ? ErasureOutcome.Erased : ErasureOutcome.NotHeld;
            var reference = string.Create(CultureInfo.InvariantCulture, $"support-desk:{requestId}:tickets-redacted={tickets};messages-deleted={messages}");
            await ErasureLog.RecordEffectAsync(connection, transaction, requestId, day, cancellationToken);
            return await ExecuteAsync(connection, transaction, """
                UPDATE erasure_tasks SET state = 'erased', outcome = @outcome, reference = @reference
                WHERE request_id = @request AND system = @system AND outcome IS NULL
                """, cancellationToken, ("@outcome", outcome.WireName()), ("@reference", reference), ("@request", requestId), ("@system", SystemName));
        }, cancellationToken);
    }

    private Task<ErasureAnswer> StoredAnswerAsync(string requestId, CancellationToken cancellationToken) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            var row = (await QueryAsync(connection, transaction, "SELECT outcome, reference FROM erasure_tasks WHERE request_id = @request AND system = @system",
                r => (Outcome: r.GetString(0), Reference: r.GetString(1)), cancellationToken, ("@request", requestId), ("@system", SystemName))).Single();
            return ErasureOutcomes.TryParse(row.Outcome, out var outcome)
                ? new ErasureAnswer(outcome, new ErasureReceipt(row.Reference))
                : throw new InvalidDataException($"The desk's task for request {requestId} holds an unknown outcome.");
        }, cancellationToken);

    /// <summary>Ends the task's processing and forgets its token.</summary>
    private async Task<DeskTaskResult> CloseAsync(string requestId, string state, CancellationToken cancellationToken, ErasureOutcome? outcome = null)
    {
        await InTransactionAsync((connection, transaction) => ExecuteAsync(connection, transaction,
            "UPDATE erasure_tasks SET state = @state, task_token = NULL WHERE request_id = @request AND system = @system",
            cancellationToken, ("@state", state), ("@request", requestId), ("@system", SystemName)), cancellationToken);
        return new DeskTaskResult(requestId, state, outcome?.WireName());
    }
}
