using System.Runtime.CompilerServices;

namespace Gdpr.Workflows.Aws.Http;

/// <summary>Every item of a paged AWS operation: fetches page after page while the page names a next token.</summary>
internal static class AwsPaging
{
    /// <param name="next">The request for the page after <c>page</c>, or null when it was the last.</param>
    public static async IAsyncEnumerable<TItem> AllAsync<TRequest, TPage, TItem>(
        TRequest first,
        Func<TRequest, CancellationToken, Task<TPage>> fetch,
        Func<TPage, IEnumerable<TItem>> items,
        Func<TRequest, TPage, TRequest?> next,
        [EnumeratorCancellation] CancellationToken cancellationToken)
        where TRequest : class
    {
        for (var request = first; request is not null;)
        {
            var page = await fetch(request, cancellationToken);
            foreach (var item in items(page))
            {
                yield return item;
            }

            request = next(request, page);
        }
    }
}
