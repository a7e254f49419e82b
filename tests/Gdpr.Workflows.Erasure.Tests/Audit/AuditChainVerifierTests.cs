using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Erasure.Tests.Audit;

public class AuditChainVerifierTests
{
    private const int Length = 8;

    [Fact]
    public void Verify_IntactChain_IsOk()
    {
        var result = AuditChainVerifier.Verify(AuditChains.Build(Length));

        result.Ok.Should().BeTrue();
        result.Break.Should().BeNull();
        result.EventCount.Should().Be(Length);
    }

    [Fact]
    public void Verify_Empty_IsOk()
    {
        AuditChainVerifier.Verify([]).Ok.Should().BeTrue();
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(8)]
    public void Verify_EventContentEdited_NamesItAltered(int sequence)
    {
        var events = AuditChains.Build(Length);
        var tampered = AuditChains.Copy(events[sequence - 1], details: new Dictionary<string, string> { ["rows"] = "0" });
        events[sequence - 1] = tampered;

        var result = AuditChainVerifier.Verify(events);

        ExpectBreak(result, AuditChainBreakKind.Altered, sequence, sequence - 1);
        result.Break!.Event.Should().BeSameAs(tampered);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void Verify_EventEditedAndRehashed_NamesItAltered(int sequence)
    {
        var events = AuditChains.Build(Length);
        events[sequence - 1] = AuditChains.Rehash(AuditChains.Copy(events[sequence - 1], actor: "someone-else"));

        var result = AuditChainVerifier.Verify(events);

        ExpectBreak(result, AuditChainBreakKind.Altered, sequence, sequence - 1);
    }

    [Fact]
    public void Verify_PreviousHashEdited_NamesItAltered()
    {
        var events = AuditChains.Build(Length);
        events[4] = AuditChains.Copy(events[4], previousHash: new string('f', 64));

        ExpectBreak(AuditChainVerifier.Verify(events), AuditChainBreakKind.Altered, 5, 4);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(4)]
    [InlineData(7)]
    public void Verify_EventDeleted_NamesTheMissingSequenceRemoved(int sequence)
    {
        var events = AuditChains.Build(Length);
        var follower = events[sequence];
        events.RemoveAt(sequence - 1);

        var result = AuditChainVerifier.Verify(events);

        ExpectBreak(result, AuditChainBreakKind.Removed, sequence, sequence - 1);
        result.Break!.Event.Should().BeSameAs(follower);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    [InlineData(7)]
    public void Verify_ForgedEventLinkedInBeforeTheGenuineOne_NamesItInserted(int sequence)
    {
        var events = AuditChains.Build(Length);
        var previousHash = sequence == 1 ? AuditEvent.GenesisHash : events[sequence - 2].Hash;
        var forged = AuditChains.Forge(sequence, previousHash);
        events.Insert(sequence - 1, forged);

        var result = AuditChainVerifier.Verify(events);

        ExpectBreak(result, AuditChainBreakKind.Inserted, sequence, sequence - 1);
        result.Break!.Event.Should().BeSameAs(forged);
    }

    [Fact]
    public void Verify_ForgedEventWithBrokenHashBetweenTwo_NamesItInserted()
    {
        var events = AuditChains.Build(Length);
        var forged = AuditChains.Copy(AuditChains.Forge(5, events[3].Hash), hash: new string('a', 64));
        events.Insert(4, forged);

        var result = AuditChainVerifier.Verify(events);

        ExpectBreak(result, AuditChainBreakKind.Inserted, 5, 4);
        result.Break!.Event.Should().BeSameAs(forged);
    }

    [Fact]
    public void Verify_CopyOfEarlierEventInserted_NamesTheCopyInserted()
    {
        var events = AuditChains.Build(Length);
        var copy = AuditChains.Copy(events[1]);
        events.Insert(5, copy);

        var result = AuditChainVerifier.Verify(events);

        ExpectBreak(result, AuditChainBreakKind.Inserted, 2, 5);
        result.Break!.Event.Should().BeSameAs(copy);
        result.Break.Description.Should().Contain("copy");
    }

    [Fact]
    public void Verify_EventWithSequenceBeyondTheEndInserted_NamesItInserted()
    {
        var events = AuditChains.Build(Length);
        var forged = AuditChains.Forge(99, new string('b', 64));
        events.Insert(3, forged);

        ExpectBreak(AuditChainVerifier.Verify(events), AuditChainBreakKind.Inserted, 99, 3);
    }

    [Fact]
    public void Verify_EventOfAnotherRequestInserted_NamesItInserted()
    {
        var events = AuditChains.Build(Length);
        var foreign = AuditChains.Build(3, requestId: "req-other")[2];
        events.Insert(3, foreign);

        var result = AuditChainVerifier.Verify(events);

        ExpectBreak(result, AuditChainBreakKind.Inserted, 3, 3);
        result.Break!.Description.Should().Contain("req-other");
    }

    [Theory]
    [InlineData(1)]
    [InlineData(3)]
    [InlineData(6)]
    public void Verify_EventMovedLater_NamesItReordered(int sequence)
    {
        var events = AuditChains.Build(Length);
        var moved = events[sequence - 1];
        events.RemoveAt(sequence - 1);
        events.Insert(sequence + 1, moved); // two places later

        var result = AuditChainVerifier.Verify(events);

        ExpectBreak(result, AuditChainBreakKind.Reordered, sequence, sequence + 1);
        result.Break!.Event.Should().BeSameAs(moved);
    }

    [Theory]
    [InlineData(3)]
    [InlineData(6)]
    [InlineData(8)]
    public void Verify_EventMovedEarlier_NamesItReordered(int sequence)
    {
        var events = AuditChains.Build(Length);
        var moved = events[sequence - 1];
        events.RemoveAt(sequence - 1);
        events.Insert(sequence - 3, moved); // two places earlier

        var result = AuditChainVerifier.Verify(events);

        ExpectBreak(result, AuditChainBreakKind.Reordered, sequence, sequence - 3);
        result.Break!.Event.Should().BeSameAs(moved);
    }

    [Fact]
    public void Verify_FirstEventMovedToTheEnd_NamesItReordered()
    {
        var events = AuditChains.Build(Length);
        var first = events[0];
        events.RemoveAt(0);
        events.Add(first);

        ExpectBreak(AuditChainVerifier.Verify(events), AuditChainBreakKind.Reordered, 1, Length - 1);
    }

    [Fact]
    public void Verify_NeighboursSwapped_NamesTheOneListedFirst()
    {
        var events = AuditChains.Build(Length);
        (events[3], events[4]) = (events[4], events[3]);

        ExpectBreak(AuditChainVerifier.Verify(events), AuditChainBreakKind.Reordered, 5, 3);
    }

    [Fact]
    public void Verify_TailCutWithTrustedHead_NamesTheFirstMissingRemoved()
    {
        var events = AuditChains.Build(Length);
        var head = AuditChainHead.Of(events[^1]);
        events.RemoveRange(6, 2);

        var result = AuditChainVerifier.Verify(events, head);

        result.Ok.Should().BeFalse();
        result.Break!.Kind.Should().Be(AuditChainBreakKind.Removed);
        result.Break.Sequence.Should().Be(7);
        result.Break.Event.Should().BeNull();
    }

    [Fact]
    public void Verify_LastEventRehashedWithTrustedHead_NamesItAltered()
    {
        var events = AuditChains.Build(Length);
        var head = AuditChainHead.Of(events[^1]);
        events[^1] = AuditChains.Rehash(AuditChains.Copy(events[^1], actor: "someone-else"));

        ExpectBreak(AuditChainVerifier.Verify(events, head), AuditChainBreakKind.Altered, Length, Length - 1);
    }

    [Fact]
    public void Verify_ChainGrewPastTrustedHead_IsOk()
    {
        var events = AuditChains.Build(Length);
        var head = AuditChainHead.Of(events[4]);

        AuditChainVerifier.Verify(events, head).Ok.Should().BeTrue();
    }

    [Fact]
    public void AuditChainHead_SequenceZero_Throws()
    {
        var act = () => new AuditChainHead(0, AuditEvent.GenesisHash);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }

    [Fact]
    public void Verify_TailCutWithoutTrustedHead_CannotTell()
    {
        // Documented limit of any hash chain: without an anchor kept elsewhere, a shorter chain is still a chain.
        var events = AuditChains.Build(Length);
        events.RemoveAt(Length - 1);

        AuditChainVerifier.Verify(events).Ok.Should().BeTrue();
    }

    private static void ExpectBreak(AuditChainVerification result, AuditChainBreakKind kind, long sequence, int index)
    {
        result.Ok.Should().BeFalse();
        result.Break.Should().NotBeNull();
        result.Break!.Kind.Should().Be(kind, result.Break.Description);
        result.Break.Sequence.Should().Be(sequence, result.Break.Description);
        result.Break.Index.Should().Be(index, result.Break.Description);
    }
}
