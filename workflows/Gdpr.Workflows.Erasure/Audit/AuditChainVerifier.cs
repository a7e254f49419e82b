namespace Gdpr.Workflows.Erasure.Audit;

/// <summary>
/// Checks a request's audit events as read from storage and names the FIRST offending event.
/// </summary>
/// <remarks>
/// <para>The events are walked in list order, accepting each one that continues the chain
/// (sequence = previous + 1, previous hash = previous event's hash, own hash matches content).
/// At the first event that does not, the rest of the list is consulted to tell the cases apart:
/// if the chain continues without it, it was inserted; if the missing sequence number turns up
/// later, something was reordered (an event just one position early is blamed itself, otherwise
/// the late event is); if it turns up nowhere, it was removed; a sequence number already taken is
/// an insertion (a fork or a copy), and a valid event whose predecessor's hash does not match
/// means that predecessor was altered and re-hashed.</para>
/// <para>Limits inherent to hash chains: cutting off the tail, or re-hashing the last event, is only
/// detectable against a <see cref="AuditChainHead"/> kept elsewhere; swapping two neighbours blames the
/// one listed first.</para>
/// </remarks>
public static class AuditChainVerifier
{
    public static AuditChainVerification Verify(IReadOnlyList<AuditEvent> events, AuditChainHead? trustedHead = null)
    {
        ArgumentNullException.ThrowIfNull(events);
        return new Walk(events).Run(trustedHead);
    }

    private sealed class Walk
    {
        private readonly IReadOnlyList<AuditEvent> _events;
        private readonly bool[] _hashOk;
        private readonly string _requestId;
        private readonly ILookup<long, int> _indexesBySequence;
        private readonly List<int> _accepted = [];

        public Walk(IReadOnlyList<AuditEvent> events)
        {
            _events = events;
            _hashOk = events.Select(e => e.HasValidHash).ToArray();

            // The request the list is about: the most common id, so one foreign event cannot redefine it.
            _requestId = events.GroupBy(e => e.RequestId, StringComparer.Ordinal)
                .OrderByDescending(g => g.Count())
                .Select(g => g.Key)
                .FirstOrDefault() ?? string.Empty;
            _indexesBySequence = Enumerable.Range(0, events.Count)
                .Where(i => Belongs(events[i]))
                .ToLookup(i => events[i].Sequence);
        }

        private long LastSequence => _accepted.Count;

        private string LastHash => _accepted.Count == 0 ? AuditEvent.GenesisHash : _events[_accepted[^1]].Hash;

        public AuditChainVerification Run(AuditChainHead? trustedHead)
        {
            for (var i = 0; i < _events.Count; i++)
            {
                if (Continues(i, LastSequence, LastHash))
                {
                    _accepted.Add(i);
                    continue;
                }

                return AuditChainVerification.Broken(Classify(i), _events.Count);
            }

            return trustedHead is null ? AuditChainVerification.Valid(_events.Count) : CheckHead(trustedHead);
        }

        private AuditChainBreak Classify(int i)
        {
            var e = _events[i];
            var s = LastSequence;

            if (!Belongs(e))
            {
                return Break(AuditChainBreakKind.Inserted, e.Sequence, i, $"event #{e.Sequence} belongs to request {e.RequestId}, not {_requestId}.");
            }

            if (e.Sequence == s + 1)
            {
                if (Continues(i + 1, s, LastHash))
                {
                    return Break(AuditChainBreakKind.Inserted, e.Sequence, i, $"event #{e.Sequence} at position {i} does not fit, and the chain continues without it.");
                }

                if (!_hashOk[i])
                {
                    return Break(AuditChainBreakKind.Altered, e.Sequence, i, $"event #{e.Sequence}'s hash does not match its content.");
                }

                if (s == 0)
                {
                    return Break(AuditChainBreakKind.Altered, e.Sequence, i, "the first event does not link to the genesis hash.");
                }

                var previous = _accepted[^1];
                return Break(AuditChainBreakKind.Altered, s, previous,
                    $"event #{s}'s hash is not the one event #{s + 1} recorded: it was altered and re-hashed, or replaced.");
            }

            if (e.Sequence <= s)
            {
                var holder = _accepted[(int)e.Sequence - 1];
                if (e.Sequence == s && _hashOk[i] && e.PreviousHash == _events[holder].PreviousHash && i + 1 < _events.Count && Continues(i + 1, e.Sequence, e.Hash))
                {
                    return Break(AuditChainBreakKind.Inserted, s, holder,
                        $"event #{s} at position {holder} forks the chain: the chain continues from the other event #{s} at position {i}.");
                }

                var what = e.Hash == _events[holder].Hash ? "is a copy of" : "claims the sequence of";
                return Break(AuditChainBreakKind.Inserted, e.Sequence, i, $"the event at position {i} {what} event #{e.Sequence} at position {holder}.");
            }

            // A jump forward: the next sequence is elsewhere in the list, or nowhere.
            var missing = s + 1;
            var found = FindLater(i, missing);
            if (found == i + 1)
            {
                return FitsAtItsOwnSequence(i)
                    ? Break(AuditChainBreakKind.Reordered, e.Sequence, i, $"event #{e.Sequence} appears at position {i}, before event #{missing}.")
                    : Break(AuditChainBreakKind.Inserted, e.Sequence, i, $"event #{e.Sequence} at position {i} does not belong to the chain.");
            }

            if (found > i + 1)
            {
                return Break(AuditChainBreakKind.Reordered, missing, found, $"event #{missing} appears at position {found} instead of position {i}.");
            }

            return Break(AuditChainBreakKind.Removed, missing, i, $"event #{missing} is missing: the sequence jumps from #{s} to #{e.Sequence}.");
        }

        private AuditChainVerification CheckHead(AuditChainHead head)
        {
            if (LastSequence < head.Sequence)
            {
                return AuditChainVerification.Broken(
                    new AuditChainBreak(AuditChainBreakKind.Removed, LastSequence + 1, _events.Count, null,
                        $"the chain ends at #{LastSequence} but the trusted head is #{head.Sequence}: events were removed from the end."),
                    _events.Count);
            }

            var index = _accepted[(int)head.Sequence - 1];
            return _events[index].Hash == head.Hash
                ? AuditChainVerification.Valid(_events.Count)
                : AuditChainVerification.Broken(
                    Break(AuditChainBreakKind.Altered, head.Sequence, index, $"event #{head.Sequence}'s hash differs from the trusted head."),
                    _events.Count);
        }

        /// <summary>True when the event at <paramref name="index"/> validly follows (sequence, hash).</summary>
        private bool Continues(int index, long sequence, string hash) =>
            index < _events.Count
            && Belongs(_events[index])
            && _events[index].Sequence == sequence + 1
            && _events[index].PreviousHash == hash
            && _hashOk[index];

        private int FindLater(int after, long sequence)
        {
            var candidates = _indexesBySequence[sequence].Where(j => j > after).ToList();
            if (candidates.Count == 0)
            {
                return -1;
            }

            // Prefer the one that really links to the accepted chain.
            return candidates.FirstOrDefault(j => Continues(j, LastSequence, LastHash), candidates[0]);
        }

        /// <summary>True when the event is genuine, just misplaced: its own sequence is unique and it links to its neighbours by sequence.</summary>
        private bool FitsAtItsOwnSequence(int i)
        {
            var e = _events[i];
            if (!_hashOk[i] || _indexesBySequence[e.Sequence].Count() != 1)
            {
                return false;
            }

            var predecessorFits = e.Sequence == 1
                ? e.PreviousHash == AuditEvent.GenesisHash
                : _indexesBySequence[e.Sequence - 1].Any(p => _hashOk[p] && _events[p].Hash == e.PreviousHash);
            var successors = _indexesBySequence[e.Sequence + 1].ToList();
            return predecessorFits && (successors.Count == 0 || successors.Any(q => _events[q].PreviousHash == e.Hash));
        }

        private bool Belongs(AuditEvent e) => string.Equals(e.RequestId, _requestId, StringComparison.Ordinal);

        private AuditChainBreak Break(AuditChainBreakKind kind, long sequence, int index, string description) =>
            new(kind, sequence, index, _events[index], description);
    }
}
