using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Audit;

/// <summary>One broken chain (or checkpoint): whose, and the first break.</summary>
public sealed record AuditIntegrityFinding(string RequestId, AuditChainBreak Break);

/// <summary>What <see cref="AuditIntegrityChecker"/> found; <see cref="Ok"/> only when nothing.</summary>
public sealed record AuditIntegrityReport(int Requests, int Events, int Checkpoints, IReadOnlyList<AuditIntegrityFinding> Findings)
{
    public bool Ok => Findings.Count == 0;
}

/// <summary>
/// Checks audit chains against everything that vouches for them: each event's hash and link (edits, insertions,
/// removals, reordering), the head anchored in the request's record (a truncated tail, a deleted chain), the latest
/// signed checkpoint (the same, when the anchor was rewound too, and requests deleted outright), and the request's
/// progress (a request past intake always has a chain: none at all is a missing chain).
/// </summary>
public sealed class AuditIntegrityChecker(
    IAuditLedgerStore ledger,
    IAuditAnchorStore? anchors,
    IAuditCheckpointSigner? signer = null,
    IAuditCheckpointStore? checkpoints = null)
{
    /// <summary>Every request the store lists, and every request the latest checkpoint names.</summary>
    public async Task<AuditIntegrityReport> CheckAllAsync(IRequestStore requests, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        var (checkpointCount, heads, findings) = await ReadCheckpointsAsync(cancellationToken);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var count = 0;
        var events = 0;
        await foreach (var request in AllRequests.ReadAsync(requests, cancellationToken))
        {
            seen.Add(request.RequestId);
            count++;
            var (verified, finding) = await CheckOneAsync(request.RequestId, request, heads.GetValueOrDefault(request.RequestId), cancellationToken);
            events += verified;
            if (finding is not null)
            {
                findings.Add(finding);
            }
        }

        // A request the checkpoint vouches for and the store no longer lists: its record went with its chain.
        foreach (var (requestId, head) in heads.Where(h => !seen.Contains(h.Key)).OrderBy(h => h.Key, StringComparer.Ordinal))
        {
            count++;
            var (verified, finding) = await CheckOneAsync(requestId, null, head, cancellationToken);
            events += verified;
            if (finding is not null)
            {
                findings.Add(finding);
            }
        }

        return new AuditIntegrityReport(count, events, checkpointCount, findings);
    }

    /// <summary>One request; <paramref name="request"/> is its record when it has one.</summary>
    public async Task<AuditIntegrityReport> CheckAsync(string requestId, ErasureRequest? request, CancellationToken cancellationToken = default)
    {
        var (checkpointCount, heads, findings) = await ReadCheckpointsAsync(cancellationToken);
        var (events, finding) = await CheckOneAsync(requestId, request, heads.GetValueOrDefault(requestId), cancellationToken);
        if (finding is not null)
        {
            findings.Add(finding);
        }

        return new AuditIntegrityReport(1, events, checkpointCount, findings);
    }

    private async Task<(int Events, AuditIntegrityFinding? Finding)> CheckOneAsync(
        string requestId, ErasureRequest? request, AuditChainHead? checkpointHead, CancellationToken cancellationToken)
    {
        var events = Restore(await ledger.ReadAllAsync(requestId, cancellationToken));
        var anchor = anchors is null ? null : await anchors.GetAnchorAsync(requestId, cancellationToken);
        AuditIntegrityFinding Found(AuditChainBreakKind kind, long sequence, string description) =>
            new(requestId, new AuditChainBreak(kind, sequence, 0, null, description));

        if (events.Count == 0)
        {
            if ((anchor ?? checkpointHead) is { } head)
            {
                var source = anchor is not null ? "the request's record" : "the last signed checkpoint";
                return (0, Found(AuditChainBreakKind.Deleted, 1, $"the chain has no events but {source} names head #{head.Sequence}: the chain was deleted."));
            }

            return request is not null && ShouldHaveChain(request)
                ? (0, Found(AuditChainBreakKind.Missing, 1, $"the request is {request.Status.Name()} (version {request.Version}) but has no audit chain and no anchored head."))
                : (0, null);
        }

        foreach (var (head, source) in new[] { (anchor, "anchored head"), (checkpointHead, "signed checkpoint") })
        {
            var verification = AuditChainVerifier.Verify(events, head);
            if (!verification.Ok)
            {
                var found = verification.Break!;
                var truncated = found.Kind == AuditChainBreakKind.Removed && found.Event is null && found.Index == events.Count;
                return (events.Count, new AuditIntegrityFinding(requestId, truncated
                    ? found with { Kind = AuditChainBreakKind.Truncated, Description = $"the chain ends at #{found.Sequence - 1} but its {source} is #{head!.Sequence}: its tail was cut off." }
                    : found));
            }
        }

        // The store writes the anchor with every append: an event beyond it did not come through the store.
        if (anchor is not null && events[^1].Sequence > anchor.Sequence)
        {
            // The chain verified against the anchor, so it runs #1, #2, ... without a gap: #anchor+1 is at index anchor.
            var index = (int)anchor.Sequence;
            return (events.Count, new AuditIntegrityFinding(requestId, new AuditChainBreak(AuditChainBreakKind.Inserted, events[index].Sequence, index, events[index],
                $"event #{events[index].Sequence} lies beyond the head anchored in the request's record (#{anchor.Sequence}): it was written around the store.")));
        }

        return (events.Count, null);
    }

    /// <summary>
    /// An event moved to another sequence number (rows renumbered to reorder them) no longer matches its hash, which
    /// covers its sequence. Where the content hashes right under another number, the event is genuine but misplaced:
    /// it is given back its own number, so the verifier can call it reordered rather than altered.
    /// </summary>
    private static IReadOnlyList<AuditEvent> Restore(IReadOnlyList<AuditEvent> events)
    {
        List<AuditEvent>? restored = null;
        for (var i = 0; i < events.Count; i++)
        {
            var e = events[i];
            if (e.HasValidHash)
            {
                continue;
            }

            for (var sequence = 1L; sequence <= events.Count + 1; sequence++)
            {
                if (sequence == e.Sequence)
                {
                    continue;
                }

                var moved = new AuditEvent(e.RequestId, sequence, e.OccurredAt, e.Type, e.Actor, e.System, e.SubjectHash, e.Details, e.IdempotencyKey, e.PreviousHash, e.Hash);
                if (moved.HasValidHash)
                {
                    restored ??= [.. events];
                    restored[i] = moved;
                    break;
                }
            }
        }

        return restored ?? events;
    }

    /// <summary>
    /// The intake appends the request's first events before it starts the workflow, and every later change of the
    /// record is audited: a request that moved on from its first version or status has a chain.
    /// </summary>
    private static bool ShouldHaveChain(ErasureRequest request) => request.Version > 1 || request.Status != RequestStatus.Received;

    private async Task<(int Count, Dictionary<string, AuditChainHead> Heads, List<AuditIntegrityFinding> Findings)> ReadCheckpointsAsync(CancellationToken cancellationToken)
    {
        var heads = new Dictionary<string, AuditChainHead>(StringComparer.Ordinal);
        var findings = new List<AuditIntegrityFinding>();
        if (signer is null || checkpoints is null)
        {
            return (0, heads, findings);
        }

        var stored = await checkpoints.ReadAllAsync(cancellationToken);
        AuditCheckpoint? latest = null;
        foreach (var signed in stored)
        {
            var parsed = AuditCheckpoint.TryParse(signed.Content);
            if (parsed is null || !await signer.VerifyAsync(signed.Content, signed.Signature, cancellationToken))
            {
                findings.Add(new AuditIntegrityFinding("checkpoint:" + signed.Name,
                    new AuditChainBreak(AuditChainBreakKind.Forged, 0, 0, null, $"checkpoint {signed.Name}'s signature does not verify: it was forged or edited.")));
                continue;
            }

            if (latest is null || parsed.TakenAt >= latest.TakenAt)
            {
                latest = parsed;
            }
        }

        foreach (var head in latest?.Heads ?? [])
        {
            heads[head.RequestId] = new AuditChainHead(head.Sequence, head.Hash);
        }

        return (stored.Count, heads, findings);
    }
}
