using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;

namespace Gdpr.Workflows.Functions.Aws;

/// <summary>
/// Ports a service's constructor asks for but the function never uses, and template.yaml gives it no permission for
/// (e.g. the Status function's service can hash identifiers for a lookup the function does not offer). Using one is a
/// bug, reported as such rather than answered with anything made up.
/// </summary>
public static class NotPermitted
{
    public static IOfficerNotifier OfficerNotifier(string function) => new Refusal(function, "publish to the officer topic");

    public static ISubjectHasher SubjectHasher(string function) => new Refusal(function, "hash subject identifiers (KMS GenerateMac)");

    public static IKeyWrapper KeyWrapper(string function) => new Refusal(function, "wrap or unwrap vault keys (KMS)");

    private sealed class Refusal(string function, string capability) : IOfficerNotifier, ISubjectHasher, IKeyWrapper
    {
        public Task NotifyAsync(OfficerNotice notice, CancellationToken cancellationToken = default) => throw Refused();

        public ValueTask<string> HashAsync(SubjectIdentifier identifier, CancellationToken cancellationToken = default) => throw Refused();

        public Task<WrappedDataKey> WrapAsync(ReadOnlyMemory<byte> dataKey, string context, CancellationToken cancellationToken = default) => throw Refused();

        public Task<byte[]> UnwrapAsync(WrappedDataKey wrappedKey, string context, CancellationToken cancellationToken = default) => throw Refused();

        private InvalidOperationException Refused() => new($"{function} may not {capability}; template.yaml grants it no such permission.");
    }
}
