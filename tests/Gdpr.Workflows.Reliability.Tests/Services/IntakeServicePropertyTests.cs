using CsCheck;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Reliability.Tests.Support;
using Gdpr.Workflows.TestSupport.Hostile;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Reliability.Tests.Services;

/// <summary>
/// Intake over generated submissions: each either creates one request (and the same submission again finds it) or is
/// refused with <see cref="InvalidInputException"/>, and a refused submission stores nothing and starts nothing.
/// </summary>
public sealed class IntakeServicePropertyTests : IDisposable
{
    private static readonly Gen<IdentifierInput> Identifier = Gen.Frequency(
        (3, HostileGen.Email.Select(v => new IdentifierInput("email", v))),
        (2, HostileGen.Phone.Select(v => new IdentifierInput("phone", v))),
        (2, HostileGen.FreeIdentifier.Select(v => new IdentifierInput("customer_id", v))),
        (1, Gen.Select(HostileGen.Key, HostileGen.FreeIdentifier).Select((k, v) => new IdentifierInput("keyed", v, k))),
        (1, Gen.Select(HostileGen.Kind, HostileGen.FreeIdentifier).Select((k, v) => new IdentifierInput(k, v))));

    private static readonly Gen<IntakeSubmission> Submission = Gen.Select(
        Gen.Frequency((8, Identifier.List[1, 4]), (1, Identifier.List[0, 0]), (1, Identifier.List[60, 70])),
        Gen.Frequency((6, Gen.OneOf("web-form", "email", "portal")), (2, Gen.OneOf(HostileGen.Injections)), (1, Gen.OneOf("WEB", "", " web-form ", "a@b.com"))),
        Gen.Bool,
        Gen.Frequency((5, Gen.Const((string?)null)), (2, Gen.String[Gen.Char['!', '~'], 1, 20].Select(k => (string?)k)), (1, Gen.OneOf<string?>("", "has space", new string('k', 129), "ключ"))),
        Gen.Frequency((6, Gen.Const((string?)null)), (1, Gen.OneOf<string?>("UK", "uk", " UK ", "US", "", "../UK"))))
        .Select((ids, channel, authenticated, key, jurisdiction) => new IntakeSubmission(ids, channel, authenticated, key, jurisdiction));

    private readonly CountingStores stores = new();
    private readonly CountingWorkflow workflow = new();
    private readonly LocalKeyWrapper keys = new(LocalKeyWrapper.GenerateMasterKey());
    private readonly IntakeService intake;

    public IntakeServicePropertyTests()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));
        var hasher = new PepperedSubjectHasher(new SubjectHasher(new byte[32]));
        intake = new IntakeService(
            stores.Requests, new SubjectVault(stores.Vault, keys, time), hasher, new AuditLedger(stores.Audit, time), workflow,
            ErasureDeadlines.UnitedKingdom(), new RandomIdGenerator(time), time, PhoneNumberDefaults.UnitedKingdom);
    }

    [Fact]
    public async Task Submit_AnySubmission_CreatesOneRequestOrIsRefusedStoringNothing() =>
        await Submission.SampleAsync(async submission =>
        {
            var writesBefore = stores.Writes;
            var startsBefore = workflow.Starts;
            IntakeResult result;
            try
            {
                result = await intake.SubmitAsync(submission);
            }
            catch (InvalidInputException refused)
            {
                refused.Message.Should().NotBeNullOrWhiteSpace();
                stores.Writes.Should().Be(writesBefore, "a refused submission stores nothing");
                workflow.Starts.Should().Be(startsBefore, "a refused submission starts nothing");
                return;
            }
            catch (ConflictException conflict) when (submission.IdempotencyKey is not null)
            {
                // A generated idempotency key reused with other identifiers: refused, and only the lookup touched the store.
                conflict.Message.Should().Contain("idempotency key");
                return;
            }

            var again = await intake.SubmitAsync(submission);
            again.RequestId.Should().Be(result.RequestId, "the same submission again is the same request");
            again.Created.Should().BeFalse();
            var stored = await stores.Requests.GetAsync(result.RequestId);
            stored!.SubjectHashes.Should().OnlyContain(h => h.Length == 64 && h.All(char.IsAsciiHexDigitLower), "the request holds hashes, never identifiers");
        }, iter: Properties.ServiceIterations, threads: 1);

    public void Dispose() => keys.Dispose();
}
