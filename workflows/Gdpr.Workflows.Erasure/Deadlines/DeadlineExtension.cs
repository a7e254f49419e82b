namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>
/// A decision to extend the response period by <see cref="Months"/> further months (complex or numerous
/// requests), taken on <see cref="DecidedOn"/> for the stated <see cref="Reason"/>.
/// </summary>
public sealed record DeadlineExtension(int Months, string Reason, DateOnly DecidedOn);
