using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Samples.Marketing;

namespace Gdpr.Workflows.Samples.Tests.Marketing;

public sealed class MarketingListTests : IDisposable
{
    private static readonly DateOnly Today = new(2025, 3, 3);
    private static readonly byte[] Key = Enumerable.Range(1, 32).Select(i => (byte)i).ToArray();
    private readonly TempDirectory _dir = new();
    private readonly MarketingList _list;

    public MarketingListTests()
    {
        _list = new MarketingList(_dir.File("marketing.db"), Key);
    }

    public void Dispose() => _dir.Dispose();

    private static readonly ContactImportRow[] Campaign =
    [
        new("Olivia.Brown@Example.com", "Olivia", "07700 900123", "web-signup"),
        new("jack@example.org", "Jack", null, "checkout"),
    ];

    private static ErasureContext Context(SubjectIdentifiers subject, string requestId = "req-1") =>
        new(requestId, Registries.System("marketing"), subject, Today);

    [Fact]
    public async Task ImportAsync_NewList_AddsContactsOnceAndCountsInvalidRows()
    {
        await _list.EnsureCreatedAsync();

        var first = await _list.ImportAsync([.. Campaign, new ContactImportRow("not an address", null, null, "web-signup")]);
        var again = await _list.ImportAsync(Campaign);

        first.Should().Be(new ImportReport(2, 0, 0, 1));
        again.Should().Be(new ImportReport(0, 2, 0, 0));
    }

    [Fact]
    public async Task EraseAsync_ThenReimport_ThePersonCannotComeBack()
    {
        await _list.EnsureCreatedAsync();
        await _list.ImportAsync(Campaign);
        var olivia = SubjectIdentifiers.Of(SubjectIdentifier.Email("olivia.brown@example.com"));

        var erased = await _list.EraseAsync(Context(olivia));
        var reimport = await _list.ImportAsync([.. Campaign, new ContactImportRow("amelia@example.net", "Amelia", null, "trade-show-2019")]);

        erased.Should().Be(new ConnectorResult(ErasureOutcome.Erased, "marketing:req-1:contacts-deleted=1;suppressed=1"));
        reimport.Should().Be(new ImportReport(1, 1, 1, 0));
        (await _list.CountRemainingAsync(olivia)).Should().Be(0);
        (await _list.IsSuppressedAsync(SubjectIdentifier.Email("OLIVIA.BROWN@example.com"))).Should().BeTrue();
    }

    [Fact]
    public async Task EraseAsync_PhoneOnTheList_ReimportWithThatPhoneRefusedToo()
    {
        await _list.EnsureCreatedAsync();
        await _list.EraseAsync(Context(SubjectIdentifiers.Of(SubjectIdentifier.Phone("+447700900123"))));

        var reimport = await _list.ImportAsync([new ContactImportRow("new.address@example.com", "Olivia", "07700 900123", "competition-2023")]);

        reimport.Suppressed.Should().Be(1);
    }

    [Fact]
    public async Task EraseAsync_SuppressionList_HoldsNoReadableAddress()
    {
        await _list.EnsureCreatedAsync();
        await _list.ImportAsync(Campaign);

        await _list.EraseAsync(Context(SubjectIdentifiers.Of(SubjectIdentifier.Email("olivia.brown@example.com"), SubjectIdentifier.Phone("+447700900123"))));

        var dump = TempDirectory.Dump(_list.Path);
        dump.Should().NotContainEquivalentOf("olivia").And.NotContain("7700900123");
    }

    [Fact]
    public async Task EraseAsync_NotOnTheList_NotHeldButSuppressed()
    {
        await _list.EnsureCreatedAsync();
        var amelia = SubjectIdentifier.Email("amelia@example.net");

        var result = await _list.EraseAsync(Context(SubjectIdentifiers.Of(amelia)));

        result.Outcome.Should().Be(ErasureOutcome.NotHeld);
        (await _list.IsSuppressedAsync(amelia)).Should().BeTrue();
    }

    [Fact]
    public async Task EraseAsync_SameRequestAgain_SameAnswerAndNothingChanges()
    {
        await _list.EnsureCreatedAsync();
        await _list.ImportAsync(Campaign);
        var subject = SubjectIdentifiers.Of(SubjectIdentifier.Email("jack@example.org"));
        var first = await _list.EraseAsync(Context(subject));
        var before = TempDirectory.Dump(_list.Path);

        var second = await _list.EraseAsync(Context(subject));

        second.Should().Be(first);
        TempDirectory.Dump(_list.Path).Should().Be(before);
    }

    [Fact]
    public void Constructor_ShortKey_Refused()
    {
        var act = () => new MarketingList(_dir.File("m.db"), new byte[16]);

        act.Should().Throw<ArgumentException>();
    }
}
