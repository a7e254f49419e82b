using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Samples.SupportDesk;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Samples.Tests.SupportDesk;

public sealed class SupportDeskTests : IDisposable
{
    private static readonly SubjectIdentifiers Olivia = SubjectIdentifiers.Of(SubjectIdentifier.Email("olivia.brown@example.com"), SubjectIdentifier.Phone("+447700900123"));

    private readonly TempDirectory _dir = new();
    private readonly Samples.SupportDesk.SupportDesk _desk;
    private readonly RecordingCallbacks _callbacks = new();
    private readonly Subjects _subjects = new();

    public SupportDeskTests()
    {
        _desk = new Samples.SupportDesk.SupportDesk(_dir.File("support-desk.db"), new FakeTimeProvider(new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero)));
        _subjects.ByRequest["req-1"] = Olivia;
    }

    public void Dispose() => _dir.Dispose();

    private static ErasureTaskMessage Task(string token, string requestId = "req-1") => new(requestId, "support-desk", token, 3600, 86400);

    private async Task SeedAsync()
    {
        await _desk.EnsureCreatedAsync();
        await _desk.InsertAsync(
        [
            new SupportTicket("T-1", "Olivia Brown", "Olivia.Brown@example.com", null, "Parcel not delivered", new DateOnly(2024, 11, 2), ["Hello, this is Olivia.", "Hi Olivia, sorry."]),
            new SupportTicket("T-2", "Olivia Brown", "other@example.net", "+447700900123", "Refund", new DateOnly(2025, 1, 5), ["Refund please"]),
            new SupportTicket("T-3", "Jack Smith", "jack@example.org", null, "Wrong size", new DateOnly(2025, 2, 1), ["Jack here"]),
        ]);
    }

    [Fact]
    public async Task ProcessPendingAsync_Task_RedactsTicketsAndAnswersThroughTheCallback()
    {
        await SeedAsync();
        await _desk.ReceiveTaskAsync(Task("tok-1"));
        (await _desk.CountRemainingAsync(Olivia)).Should().Be(5);

        var results = await _desk.ProcessPendingAsync(_callbacks, _subjects);

        results.Should().Equal(new DeskTaskResult("req-1", "answered", "erased"));
        _callbacks.Heartbeats.Should().Equal("tok-1");
        _callbacks.Completed.Should().Equal(("tok-1", ErasureAnswer.Erased("support-desk:req-1:tickets-redacted=2;messages-deleted=3")));
        (await _desk.CountRemainingAsync(Olivia)).Should().Be(0);
        (await _desk.CountRemainingAsync(SubjectIdentifiers.Of(SubjectIdentifier.Email("jack@example.org")))).Should().Be(2);
        var dump = TempDirectory.Dump(_desk.Path);
        dump.Should().NotContain("Olivia").And.NotContain("tok-1");
    }

    [Fact]
    public async Task ProcessPendingAsync_Twice_SecondRunDoesNothing()
    {
        await SeedAsync();
        await _desk.ReceiveTaskAsync(Task("tok-1"));
        await _desk.ProcessPendingAsync(_callbacks, _subjects);
        var before = TempDirectory.Dump(_desk.Path);

        var again = await _desk.ProcessPendingAsync(_callbacks, _subjects);

        again.Should().BeEmpty();
        TempDirectory.Dump(_desk.Path).Should().Be(before);
        (await _desk.PendingTaskCountAsync()).Should().Be(0);
    }

    [Fact]
    public async Task ReceiveTaskAsync_DuplicateDelivery_QueuedOnce()
    {
        await SeedAsync();

        await _desk.ReceiveTaskAsync(Task("tok-1"));
        await _desk.ReceiveTaskAsync(Task("tok-1"));

        (await _desk.PendingTaskCountAsync()).Should().Be(1);
    }

    [Fact]
    public async Task ReceiveTaskAsync_AskedAgainWithANewToken_AnswersWithTheStoredAnswer()
    {
        await SeedAsync();
        await _desk.ReceiveTaskAsync(Task("tok-1"));
        await _desk.ProcessPendingAsync(_callbacks, _subjects);

        await _desk.ReceiveTaskAsync(Task("tok-2"));
        var results = await _desk.ProcessPendingAsync(_callbacks, _subjects);

        results.Should().Equal(new DeskTaskResult("req-1", "answered", "erased"));
        _callbacks.Completed.Select(c => c.Answer).Distinct().Should().ContainSingle();
    }

    [Fact]
    public async Task ErasureEffectsAsync_AskedAgainWithANewToken_ErasureAppliedOnce()
    {
        await SeedAsync();
        await _desk.ReceiveTaskAsync(Task("tok-1"));
        await _desk.ProcessPendingAsync(_callbacks, _subjects);

        await _desk.ReceiveTaskAsync(Task("tok-2"));
        await _desk.ProcessPendingAsync(_callbacks, _subjects);

        (await _desk.ErasureEffectsAsync()).Should().Equal(new Dictionary<string, int> { ["req-1"] = 1 });
    }

    [Fact]
    public async Task ProcessPendingAsync_Task_LeavesNoByteOfTheRedactedRequesterInTheFile()
    {
        await SeedAsync();
        await _desk.ReceiveTaskAsync(Task("tok-1"));

        await _desk.ProcessPendingAsync(_callbacks, _subjects);

        // secure_delete: the redacted values are overwritten, not left in the file's free space.
        System.Text.Encoding.UTF8.GetString(await File.ReadAllBytesAsync(_desk.Path)).Should().NotContain("Olivia.Brown@example.com").And.NotContain("Hello, this is Olivia");
    }

    [Fact]
    public async Task ProcessPendingAsync_TaskAlreadyClosed_Abandoned()
    {
        await SeedAsync();
        await _desk.ReceiveTaskAsync(Task("tok-1"));
        _callbacks.Closed.Add("tok-1");

        var results = await _desk.ProcessPendingAsync(_callbacks, _subjects);

        results.Should().Equal(new DeskTaskResult("req-1", "abandoned", null));
        (await _desk.CountRemainingAsync(Olivia)).Should().Be(5, "a closed task is not worked on");
    }

    [Fact]
    public async Task ProcessPendingAsync_IdentifiersGone_ReportsSubjectUnavailable()
    {
        await SeedAsync();
        await _desk.ReceiveTaskAsync(Task("tok-9", "req-cancelled"));

        var results = await _desk.ProcessPendingAsync(_callbacks, _subjects);

        results.Should().Equal(new DeskTaskResult("req-cancelled", "abandoned", null));
        _callbacks.Failed.Should().Equal(("tok-9", ErasureErrorTypes.SubjectUnavailable));
    }

    [Fact]
    public async Task ProcessPendingAsync_SubjectNotInTheDesk_NotHeld()
    {
        await SeedAsync();
        _subjects.ByRequest["req-2"] = SubjectIdentifiers.Of(SubjectIdentifier.Email("nobody@example.com"));
        await _desk.ReceiveTaskAsync(Task("tok-2", "req-2"));

        var results = await _desk.ProcessPendingAsync(_callbacks, _subjects);

        results.Single().Outcome.Should().Be("not_held");
    }

    [Fact]
    public async Task ReceiveTaskAsync_OtherSystemsTask_Refused()
    {
        await SeedAsync();

        var act = () => _desk.ReceiveTaskAsync(new ErasureTaskMessage("req-1", "crm", "tok", 1, 1));

        await act.Should().ThrowAsync<ArgumentException>();
    }

    private sealed class Subjects : ISubjectSource
    {
        public Dictionary<string, SubjectIdentifiers> ByRequest { get; } = [];

        public Task<SubjectIdentifiers> GetAsync(string requestId, CancellationToken cancellationToken = default) =>
            ByRequest.TryGetValue(requestId, out var subject)
                ? System.Threading.Tasks.Task.FromResult(subject)
                : throw new ErasureException(ErasureErrorKind.Failed, ErasureErrorTypes.SubjectUnavailable, "gone");
    }
}
