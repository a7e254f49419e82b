using Gdpr.Workflows.Erasure.Deadlines;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Reply;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Reminders;

namespace Gdpr.Workflows.Local.Composition;

/// <summary>
/// What <see cref="LocalServices"/> is composed from: the local host gives its stores, secrets and engine; a test that
/// builds like the host gives in-memory stores, a fake clock or a recording workflow, and gets the same services; one
/// that changes a single port (another subject hasher, say) composes the host's ports <c>with</c> it.
/// </summary>
public sealed record LocalPorts
{
    public required ErasureStores Stores { get; init; }

    /// <summary>Wraps the vault's data keys: locally the master key in the data directory.</summary>
    public required IKeyWrapper KeyWrapper { get; init; }

    public required ISubjectHasher SubjectHasher { get; init; }

    public required SystemRegistry Registry { get; init; }

    /// <summary>The sync systems' connectors (by the registry's connector names).</summary>
    public IReadOnlyList<IErasureConnector> Connectors { get; init; } = [];

    /// <summary>Starts and stops executions: locally, the engine the functions are deployed on.</summary>
    public required IWorkflowStarter Workflow { get; init; }

    /// <summary>Describes a request's execution (an officer's retry); by default <see cref="Workflow"/>, which must then describe them.</summary>
    public IWorkflowExecutions? Executions { get; init; }

    /// <summary>Answers waiting tasks: locally, the same engine.</summary>
    public required IWorkflowTasks WorkflowTasks { get; init; }

    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How the statutory clock is counted (<c>settings.json</c> locally); UK GDPR's defaults otherwise.</summary>
    public ClockSettings Clock { get; init; } = new();

    /// <summary>Request ids; random (time-ordered) unless a test gives sequential ones.</summary>
    public IIdGenerator? Ids { get; init; }

    /// <summary>Where replies to requesters go; by default kept in memory (a local outbox).</summary>
    public IReplyDelivery Replies { get; init; } = new InMemoryReplyOutbox();

    /// <summary>The reply templates: the embedded defaults unless the host loads the controller's own.</summary>
    public ReplyTemplates ReplyTemplates { get; init; } = ReplyTemplates.Defaults;

    /// <summary>What the officers are told (the OfficerTopic's local stand-in).</summary>
    public InMemoryOfficerInbox Officers { get; init; } = new();

    /// <summary>The Art. 19 notices sent (the recipients' local stand-in).</summary>
    public InMemoryRecipientOutbox Recipients { get; init; } = new();

    /// <summary>Where the Reminders function publishes OverdueRequests; locally nothing watches it, so it is kept in memory.</summary>
    public IOverdueRequestsMetric OverdueMetric { get; init; } = new InMemoryOverdueRequestsMetric();

    /// <summary>The async systems' inbox the Tasks function lists; without it the Tasks function is not bound.</summary>
    public ISystemTaskInbox? SystemTasks { get; init; }
}
