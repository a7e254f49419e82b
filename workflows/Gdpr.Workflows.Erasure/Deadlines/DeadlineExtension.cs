namespace Gdpr.Workflows.Erasure.Deadlines;

/// <summary>Why the period is extended: UK GDPR Art. 12(3) allows it "taking into account the complexity and number of the requests".</summary>
public static class ExtensionReasons
{
    public const string Complex = "complex";
    public const string Numerous = "numerous";

    /// <summary>True for <see cref="Complex"/> or <see cref="Numerous"/>.</summary>
    public static bool IsValid(string? reason) => reason is Complex or Numerous;
}

/// <summary>
/// A decision to extend the response period by <see cref="Months"/> further months (Art. 12(3)), taken on
/// <see cref="DecidedOn"/> for <see cref="Reason"/> (<see cref="ExtensionReasons"/>; older records hold free text),
/// with <see cref="Detail"/> beside it. It takes effect only once the requester was told, with the reasons, within the
/// first month (Art. 12(3): "The controller shall inform the data subject of any such extension within one month of
/// receipt of the request, together with the reasons for the delay"): <see cref="ToldOn"/> is that day, null while untold.
/// </summary>
public sealed record DeadlineExtension(int Months, string Reason, DateOnly DecidedOn, string? Detail = null, DateOnly? ToldOn = null)
{
    /// <summary>True once the requester was told: only then does the extension move the deadline.</summary>
    public bool IsInEffect => ToldOn is not null;
}
