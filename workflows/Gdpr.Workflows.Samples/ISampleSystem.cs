using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Samples;

/// <summary>A sample system as the demo sees it: its name and how much it still holds about a subject.</summary>
public interface ISampleSystem
{
    /// <summary>The system's name in the registry (samples/systems.yaml).</summary>
    string Name { get; }

    /// <summary>
    /// Records that still hold the subject's personal data and may be used: data kept under an Art. 17(3) ground
    /// (restricted invoices) is not counted, nor the suppression list's keyed hashes.
    /// </summary>
    Task<int> CountRemainingAsync(SubjectIdentifiers subject, CancellationToken cancellationToken = default);
}
