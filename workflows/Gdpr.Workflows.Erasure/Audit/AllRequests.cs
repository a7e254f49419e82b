using System.Runtime.CompilerServices;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Audit;

/// <summary>Every stored request, status by status, a page at a time (no scan: each status is an index range).</summary>
public static class AllRequests
{
    public static async IAsyncEnumerable<ErasureRequest> ReadAsync(IRequestStore requests, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(requests);
        foreach (var status in Enum.GetValues<RequestStatus>())
        {
            string? token = null;
            do
            {
                var page = await requests.QueryByStatusAsync(status, IRequestStore.MaxPageSize, token, cancellationToken);
                foreach (var request in page.Items)
                {
                    yield return request;
                }

                token = page.ContinuationToken;
            }
            while (token is not null);
        }
    }
}
