using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Reply;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Functions.Reminders;

namespace Gdpr.Workflows.Functions.Local;

/// <summary>The stores, adapters and settings <see cref="FunctionServices.Create"/> builds the services from.</summary>
public sealed class FunctionPorts
{
    public required IRequestStore Requests { get; init; }

    public required AuditLedger Audit { get; init; }

    public required SubjectVault Vault { get; init; }

    public required ITaskTokenStore TaskTokens { get; init; }

    public required ISubjectHasher SubjectHasher { get; init; }

    /// <summary>Starts and stops executions: locally, the engine the functions are deployed on.</summary>
    public required IWorkflowStarter Workflow { get; init; }

    /// <summary>Describes a request's execution (an officer's retry); by default <see cref="Workflow"/>, when it can.</summary>
    public IWorkflowExecutions? Executions { get; init; }

    /// <summary>Answers waiting tasks: locally, the same engine.</summary>
    public required IWorkflowTasks WorkflowTasks { get; init; }

    public required IOfficerNotifier Officers { get; init; }

    public required IRecipientNotifier RecipientNotifier { get; init; }

    public required SystemRegistry Registry { get; init; }

    public required IReadOnlyList<IErasureConnector> Connectors { get; init; }

    public required ErasureDeadlines Deadlines { get; init; }

    public required IIdGenerator Ids { get; init; }

    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where replies to requesters go; by default kept in memory (a local outbox).</summary>
    public IReplyDelivery Replies { get; init; } = new InMemoryReplyOutbox();

    /// <summary>The reply templates: the embedded defaults unless the host loads the controller's own.</summary>
    public ReplyTemplates ReplyTemplates { get; init; } = ReplyTemplates.Defaults;

    public PhoneNumberDefaults? PhoneDefaults { get; init; }

    public IOverdueRequestsMetric OverdueMetric { get; init; } = new InMemoryOverdueRequestsMetric();

    /// <summary>The async systems' inbox the Tasks function lists; without it the Tasks function is not bound.</summary>
    public ISystemTaskInbox? SystemTasks { get; init; }
}
