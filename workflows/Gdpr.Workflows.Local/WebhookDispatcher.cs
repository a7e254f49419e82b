using System.Net.Http.Headers;

namespace Gdpr.Workflows.Local;

/// <summary>
/// Runs under <c>gdpr serve</c>: queues a delivery for each new task of a system with a webhook and sends what is
/// due (see <see cref="WebhookDeliveries"/>), checking first that the task can still be answered.
/// </summary>
public sealed class WebhookDispatcher(LocalHost host, WebhookDeliveries deliveries, HttpClient http, Action<string?, string>? log = null)
{
    /// <summary>Sends due deliveries every second until stopped.</summary>
    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var webhooks = deliveries.Webhooks();
        void OnAdded(InboxTask task)
        {
            if (webhooks.ContainsKey(task.System))
            {
                deliveries.Enqueue(task);
            }
        }

        host.Inbox.Added += OnAdded;
        try
        {
            foreach (var task in await host.Tasks.OpenAsync(cancellationToken: cancellationToken))
            {
                OnAdded(task);
            }

            while (!cancellationToken.IsCancellationRequested)
            {
                await SendDueAsync(webhooks, cancellationToken);
                await Task.Delay(TimeSpan.FromSeconds(1), host.Services.Time, cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Stopped with serve.
        }
        finally
        {
            host.Inbox.Added -= OnAdded;
        }
    }

    /// <summary>One round: every delivery due now is tried once.</summary>
    public async Task SendDueAsync(IReadOnlyDictionary<string, Uri> webhooks, CancellationToken cancellationToken)
    {
        foreach (var delivery in deliveries.Due())
        {
            var task = host.Inbox.Find(delivery.TaskToken);
            if (task is null || task.State != InboxTaskState.Open || !webhooks.TryGetValue(delivery.System, out var url))
            {
                deliveries.Drop(delivery.TaskToken);
                continue;
            }

            var body = System.Text.Encoding.UTF8.GetBytes(task.Message.ToJson().ToJsonString());
            var (timestamp, signature) = deliveries.Sign(delivery.System, body);
            int? status;
            try
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = new ByteArrayContent(body) };
                request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
                request.Headers.Add("X-Gdpr-Timestamp", timestamp);
                request.Headers.Add("X-Gdpr-Signature", signature);
                using var response = await http.SendAsync(request, cancellationToken);
                status = (int)response.StatusCode;
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                status = null;
            }

            deliveries.Record(delivery, status);
            var now = deliveries.Find(delivery.TaskToken);
            log?.Invoke(task.RequestId, $"webhook of {delivery.System}: attempt {now?.Attempts}, {(status is null ? "unreachable" : $"HTTP {status}")}, {now?.State}");
        }
    }
}
