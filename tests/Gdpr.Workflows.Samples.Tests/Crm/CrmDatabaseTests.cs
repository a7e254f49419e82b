using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Samples.Crm;

namespace Gdpr.Workflows.Samples.Tests.Crm;

public sealed class CrmDatabaseTests : IDisposable
{
    private static readonly DateOnly Today = new(2025, 3, 3);
    private readonly TempDirectory _dir = new();
    private readonly CrmDatabase _crm;

    public CrmDatabaseTests()
    {
        _crm = new CrmDatabase(_dir.File("crm.db"));
    }

    public void Dispose() => _dir.Dispose();

    private async Task SeedAsync()
    {
        await _crm.EnsureCreatedAsync();
        await _crm.InsertAsync(
        [
            new CrmCustomer("C-1", "Olivia Brown", "Olivia.Brown@Example.com", "+447700900123", "07700 900123", Today.AddYears(-2), ["Olivia called."], ["newsletter", "sms-offers"]),
            new CrmCustomer("C-2", "Jack Smith", "jack@example.org", null, null, Today.AddYears(-1), ["Jack wrote."], []),
        ]);
    }

    private static ErasureContext Context(SubjectIdentifiers subject, string requestId = "req-1") =>
        new(requestId, Registries.System("crm"), subject, Today);

    [Fact]
    public async Task EraseAsync_Customer_LeavesNoByteOfTheRecordInTheFile()
    {
        await SeedAsync();
        var olivia = SubjectIdentifiers.Of(SubjectIdentifier.Email("olivia.brown@example.com"));

        await _crm.EraseAsync(Context(olivia));

        // Deleted rows would stay in SQLite's free space without secure_delete.
        var bytes = await File.ReadAllBytesAsync(_dir.File("crm.db"));
        foreach (var personal in new[] { "Olivia.Brown@Example.com", "Olivia Brown", "+447700900123", "07700 900123", "Olivia called." })
        {
            bytes.AsSpan().IndexOf(System.Text.Encoding.UTF8.GetBytes(personal)).Should().Be(-1, $"'{personal}' was erased");
        }

        bytes.AsSpan().IndexOf("Jack Smith"u8).Should().BeGreaterThan(-1, "the other customer stays");
    }

    [Fact]
    public async Task EraseAsync_Customer_DeletesTheRecordWithItsNotesAndConsents()
    {
        await SeedAsync();
        var olivia = SubjectIdentifiers.Of(SubjectIdentifier.Email("olivia.brown@example.com"));
        (await _crm.CountRemainingAsync(olivia)).Should().Be(4);

        var result = await _crm.EraseAsync(Context(olivia));

        result.Should().Be(new ConnectorResult(ErasureOutcome.Erased, "crm:req-1:customers-deleted=1;notes-deleted=1"));
        (await _crm.CountRemainingAsync(olivia)).Should().Be(0);
        (await _crm.CountRemainingAsync(SubjectIdentifiers.Of(SubjectIdentifier.CustomerId("C-2")))).Should().Be(2);
        TempDirectory.Dump(_crm.Path).Should().NotContain("Olivia");
    }

    [Fact]
    public async Task EraseAsync_ByPhone_FindsTheCustomer()
    {
        await SeedAsync();

        var result = await _crm.EraseAsync(Context(SubjectIdentifiers.Of(SubjectIdentifier.Phone("+44 7700 900123"))));

        result.Outcome.Should().Be(ErasureOutcome.Erased);
    }

    [Fact]
    public async Task EraseAsync_SameRequestAgain_SameAnswerAndNothingChanges()
    {
        await SeedAsync();
        var subject = SubjectIdentifiers.Of(SubjectIdentifier.CustomerId("C-1"));
        var first = await _crm.EraseAsync(Context(subject));
        var before = TempDirectory.Dump(_crm.Path);

        var second = await _crm.EraseAsync(Context(subject));

        second.Should().Be(first);
        TempDirectory.Dump(_crm.Path).Should().Be(before);
    }

    [Fact]
    public async Task EraseAsync_Unknown_NotHeld()
    {
        await SeedAsync();

        (await _crm.EraseAsync(Context(SubjectIdentifiers.Of(SubjectIdentifier.Email("nobody@example.net"))))).Outcome.Should().Be(ErasureOutcome.NotHeld);
    }

    [Fact]
    public async Task EraseAsync_SameRequestTwice_CountsTwoDeliveriesAndOneEffect()
    {
        await SeedAsync();
        var subject = SubjectIdentifiers.Of(SubjectIdentifier.CustomerId("C-1"));

        await _crm.EraseAsync(Context(subject));
        await _crm.EraseAsync(Context(subject));

        (await _crm.ErasureDeliveriesAsync()).Should().Equal(new Dictionary<string, int> { ["req-1"] = 2 });
        (await _crm.ErasureEffectsAsync()).Should().Equal(new Dictionary<string, int> { ["req-1"] = 1 });
    }

    [Fact]
    public async Task EraseAsync_SameRequestTwiceWithoutDedupe_CountsTwoEffects()
    {
        var crm = new CrmDatabase(_dir.File("crm.db")) { Deduplicates = false };
        await SeedAsync();
        var subject = SubjectIdentifiers.Of(SubjectIdentifier.CustomerId("C-1"));

        await crm.EraseAsync(Context(subject));
        await crm.EraseAsync(Context(subject));

        (await crm.ErasureEffectsAsync()).Should().Equal(new Dictionary<string, int> { ["req-1"] = 2 }, "without its dedupe the CRM applies a repeated delivery again, and the count shows it");
    }
}
