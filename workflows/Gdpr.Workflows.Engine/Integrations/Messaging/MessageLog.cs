using System.Collections.Concurrent;

namespace Gdpr.Workflows.Engine.Integrations.Messaging;

/// <summary>
/// The messages a local topic or queue has accepted, its subscribers, and its idempotency memory.
/// Subscribers are called on the thread pool after the message is stored, as a real delivery would be:
/// a subscriber answering a task token must not run inside the task that sent it.
/// </summary>
internal sealed class MessageLog<TMessage>
    where TMessage : class
{
    private readonly Lock gate = new();
    private readonly List<TMessage> messages = [];
    private readonly List<Func<TMessage, CancellationToken, Task>> subscribers = [];
    private readonly Dictionary<string, TMessage> byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<Exception> subscriberFailures = new();
    private long sequence;

    public IReadOnlyList<TMessage> Messages
    {
        get
        {
            lock (gate)
            {
                return [.. messages];
            }
        }
    }

    public IReadOnlyCollection<Exception> SubscriberFailures => subscriberFailures;

    public IDisposable Subscribe(Func<TMessage, CancellationToken, Task> subscriber)
    {
        ArgumentNullException.ThrowIfNull(subscriber);
        lock (gate)
        {
            subscribers.Add(subscriber);
        }

        return new Subscription(() =>
        {
            lock (gate)
            {
                subscribers.Remove(subscriber);
            }
        });
    }

    /// <summary>
    /// Stores the message <paramref name="create"/> builds (given the next sequence number) and delivers it;
    /// with an idempotency key seen before, returns the message stored then and delivers nothing.
    /// </summary>
    public TMessage Append(string? idempotencyKey, Func<long, TMessage> create)
    {
        TMessage message;
        Func<TMessage, CancellationToken, Task>[] deliverTo;
        lock (gate)
        {
            if (idempotencyKey is not null && byIdempotencyKey.TryGetValue(idempotencyKey, out var earlier))
            {
                return earlier;
            }

            message = create(++sequence);
            messages.Add(message);
            if (idempotencyKey is not null)
            {
                byIdempotencyKey[idempotencyKey] = message;
            }

            deliverTo = [.. subscribers];
        }

        foreach (var subscriber in deliverTo)
        {
            _ = Task.Run(async () =>
            {
                try
                {
                    await subscriber(message, CancellationToken.None);
                }
#pragma warning disable CA1031 // A failing subscriber must not break the sender; its error is kept for the test to see.
                catch (Exception e)
#pragma warning restore CA1031
                {
                    subscriberFailures.Enqueue(e);
                }
            });
        }

        return message;
    }

    private sealed class Subscription(Action unsubscribe) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0)
            {
                unsubscribe();
            }
        }
    }
}
