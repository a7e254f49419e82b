using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Erasure.Tests.Audit;

public class AuditEventTests
{
    private static readonly AuditEventDraft Draft = new(AuditEventType.RequestReceived, "intake-api");

    [Fact]
    public void CreateChained_FirstEvent_LinksToGenesisWithValidHash()
    {
        var first = AuditEvent.CreateChained("req-1", 1, AuditChains.Start, Draft, AuditEvent.GenesisHash);

        first.PreviousHash.Should().Be(new string('0', 64));
        first.Hash.Should().MatchRegex("^[0-9a-f]{64}$");
        first.HasValidHash.Should().BeTrue();
    }

    [Fact]
    public void Constructor_StoredEventWithEditedContent_HasInvalidHash()
    {
        var original = AuditEvent.CreateChained("req-1", 1, AuditChains.Start, Draft, AuditEvent.GenesisHash);

        var edited = AuditChains.Copy(original, actor: "someone-else");

        edited.Hash.Should().Be(original.Hash);
        edited.HasValidHash.Should().BeFalse();
    }

    [Fact]
    public void Constructor_OffsetTime_StoredInUtc()
    {
        var local = new DateTimeOffset(2025, 1, 31, 11, 0, 0, TimeSpan.FromHours(2));

        var e = AuditEvent.CreateChained("req-1", 1, local, Draft, AuditEvent.GenesisHash);

        e.OccurredAt.Offset.Should().Be(TimeSpan.Zero);
        e.OccurredAt.Should().Be(local);
    }

    [Fact]
    public void CreateChained_SubMillisecondTime_Throws()
    {
        var act = () => AuditEvent.CreateChained("req-1", 1, AuditChains.Start.AddTicks(1), Draft, AuditEvent.GenesisHash);

        act.Should().Throw<ArgumentException>().WithMessage("*whole milliseconds*");
    }

    [Theory]
    [InlineData("alice@example.com")]
    [InlineData("sent to Alice.Smith@mail.example.org today")]
    [InlineData("+44 20 7946 0958")]
    public void CreateChained_DetailLooksLikePersonalData_Throws(string value)
    {
        var draft = Draft with { Details = new Dictionary<string, string> { ["note"] = value } };

        var act = () => AuditEvent.CreateChained("req-1", 1, AuditChains.Start, draft, AuditEvent.GenesisHash);

        act.Should().Throw<ArgumentException>().WithMessage("*never hold raw personal data*");
    }

    [Theory]
    [InlineData("rows", "1024")]
    [InlineData("deadline", "2025-02-28")]
    [InlineData("reason", "legal hold: case 2025/17")]
    public void CreateChained_OrdinaryDetail_IsKept(string key, string value)
    {
        var draft = Draft with { Details = new Dictionary<string, string> { [key] = value } };

        AuditEvent.CreateChained("req-1", 1, AuditChains.Start, draft, AuditEvent.GenesisHash).Details[key].Should().Be(value);
    }

    [Fact]
    public void CreateChained_TooManyDetails_Throws()
    {
        var details = Enumerable.Range(0, 33).ToDictionary(i => $"k{i}", i => "v");

        var act = () => AuditEvent.CreateChained("req-1", 1, AuditChains.Start, Draft with { Details = details }, AuditEvent.GenesisHash);

        act.Should().Throw<ArgumentException>().WithMessage("*at most 32*");
    }

    [Theory]
    [InlineData("not-a-hash")]
    [InlineData("ABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABABAB")]
    public void CreateChained_MalformedSubjectHash_Throws(string subjectHash)
    {
        var act = () => AuditEvent.CreateChained("req-1", 1, AuditChains.Start, Draft with { SubjectHash = subjectHash }, AuditEvent.GenesisHash);

        act.Should().Throw<ArgumentException>().WithMessage("*64 lowercase hex*");
    }

    [Fact]
    public void CreateChained_DefaultType_Throws()
    {
        var act = () => AuditEvent.CreateChained("req-1", 1, AuditChains.Start, Draft with { Type = default }, AuditEvent.GenesisHash);

        act.Should().Throw<ArgumentException>().WithMessage("*type is missing*");
    }

    [Fact]
    public void CreateChained_SequenceZero_Throws()
    {
        var act = () => AuditEvent.CreateChained("req-1", 0, AuditChains.Start, Draft, AuditEvent.GenesisHash);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("")]
    public void CreateChained_MalformedIdempotencyKey_Throws(string key)
    {
        var act = () => AuditEvent.CreateChained("req-1", 1, AuditChains.Start, Draft with { IdempotencyKey = key }, AuditEvent.GenesisHash);

        act.Should().Throw<ArgumentException>().WithMessage("*idempotency key*");
    }

    [Fact]
    public void Records_SameDraftWithDetailsInOtherOrder_IsTrue()
    {
        var draft = Draft with { Details = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" } };
        var e = AuditEvent.CreateChained("req-1", 1, AuditChains.Start, draft, AuditEvent.GenesisHash);

        e.Records(Draft with { Details = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" } }).Should().BeTrue();
        e.Records(Draft with { Details = new Dictionary<string, string> { ["a"] = "1" } }).Should().BeFalse();
        e.Records(Draft with { Actor = "other", Details = draft.Details }).Should().BeFalse();
    }
}
