namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>A day the deadline was moved past, with the reason: "Saturday", "Sunday" or the holiday's name.</summary>
public sealed record NonWorkingDay(DateOnly Date, string Reason);
