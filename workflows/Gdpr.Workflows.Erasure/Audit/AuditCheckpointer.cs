using System.Globalization;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Erasure.Audit;

/// <summary>
/// Takes a checkpoint: the head of every request's chain (as anchored in its record, or the chain's last event where
/// no anchor was written), signed and stored. Run periodically by a process that holds the signing key, which the
/// stores' writers never do.
/// </summary>
public sealed class AuditCheckpointer(
    IRequestStore requests,
    IAuditLedgerStore ledger,
    IAuditAnchorStore? anchors,
    IAuditCheckpointSigner signer,
    IAuditCheckpointStore store,
    TimeProvider time)
{
    public async Task<AuditCheckpoint> TakeAsync(CancellationToken cancellationToken = default)
    {
        var heads = new List<AuditCheckpointHead>();
        await foreach (var request in AllRequests.ReadAsync(requests, cancellationToken))
        {
            var head = anchors is null ? null : await anchors.GetAnchorAsync(request.RequestId, cancellationToken);
            if (head is null && await ledger.GetLastAsync(request.RequestId, cancellationToken) is { } last)
            {
                head = AuditChainHead.Of(last);
            }

            if (head is not null)
            {
                heads.Add(new AuditCheckpointHead(request.RequestId, head.Sequence, head.Hash));
            }
        }

        var checkpoint = new AuditCheckpoint(time.GetUtcNow(), heads);
        var content = checkpoint.Content();
        var name = checkpoint.TakenAt.UtcTicks.ToString("D19", CultureInfo.InvariantCulture);
        await store.WriteAsync(new SignedAuditCheckpoint(name, content, await signer.SignAsync(content, cancellationToken)), cancellationToken);
        return checkpoint;
    }
}
