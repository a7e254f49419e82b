using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Samples.Seeding;

/// <summary>A generated (fictional) customer: the identifiers an erasure request for them would give.</summary>
public sealed record SampleCustomer(string CustomerId, string FirstName, string LastName, string Email, string? PhoneDisplay, string? PhoneE164, string Address)
{
    public string FullName => $"{FirstName} {LastName}";

    /// <summary>Their email, phone (if any) and customer id, normalised.</summary>
    public SubjectIdentifiers Subject()
    {
        var identifiers = new List<SubjectIdentifier> { SubjectIdentifier.Email(Email), SubjectIdentifier.CustomerId(CustomerId) };
        if (PhoneE164 is not null)
        {
            identifiers.Add(SubjectIdentifier.Phone(PhoneE164));
        }

        return SubjectIdentifiers.Of(identifiers);
    }

    /// <summary>The identifiers as an erasure request submits them.</summary>
    public IReadOnlyList<IdentifierInput> IntakeIdentifiers()
    {
        var inputs = new List<IdentifierInput> { new("email", Email), new("customer_id", CustomerId) };
        if (PhoneDisplay is not null)
        {
            inputs.Add(new IdentifierInput("phone", PhoneDisplay));
        }

        return inputs;
    }
}
