namespace Gdpr.Workflows.Functions.Reminders;

/// <summary>
/// The OverdueRequests metric (namespace Gdpr/Workflows, dimension Stage) that the OverdueRequestsAlarm watches: the
/// number of open requests past their statutory deadline, published once per daily run.
/// </summary>
public interface IOverdueRequestsMetric
{
    Task PublishAsync(int overdueRequests, CancellationToken cancellationToken = default);
}

/// <summary>Keeps what was published: for tests and the local host, where there is no CloudWatch.</summary>
public sealed class InMemoryOverdueRequestsMetric : IOverdueRequestsMetric
{
    private readonly List<int> _published = [];
    private readonly Lock _gate = new();

    /// <summary>Every value published, oldest first.</summary>
    public IReadOnlyList<int> Published
    {
        get
        {
            lock (_gate)
            {
                return [.. _published];
            }
        }
    }

    public Task PublishAsync(int overdueRequests, CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            _published.Add(overdueRequests);
        }

        return Task.CompletedTask;
    }
}
