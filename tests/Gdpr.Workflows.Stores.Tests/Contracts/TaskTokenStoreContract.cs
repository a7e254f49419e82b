using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Stores.Tests.Contracts;

/// <summary>What every <see cref="ITaskTokenStore"/> promises, run against each implementation.</summary>
public abstract class TaskTokenStoreContract : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new DateTimeOffset(2025, 3, 3, 9, 0, 0, TimeSpan.Zero).AddTicks(1234567);

    protected ITaskTokenStore Store { get; private set; } = null!;

    public async Task InitializeAsync() => Store = await CreateStoreAsync();

    public virtual Task DisposeAsync() => Task.CompletedTask;

    [Support.ContractFact]
    public async Task Get_AfterPut_ReturnsItExactly()
    {
        await Store.PutAsync(Token("t1"));
        await Store.PutAsync(Token("t-no-expiry") with { Purpose = TaskTokenPurposes.ForSystem("billing"), ExpiresAt = null });

        (await Store.GetAsync("req-1", TaskTokenPurposes.IdentityVerification)).Should().Be(Token("t1"));
        (await Store.GetAsync("req-1", TaskTokenPurposes.ForSystem("billing")))!.ExpiresAt.Should().BeNull();
        (await Store.GetAsync("req-1", TaskTokenPurposes.ForSystem("crm"))).Should().BeNull();
        (await Store.GetAsync("req-2", TaskTokenPurposes.IdentityVerification)).Should().BeNull();
    }

    [Support.ContractFact]
    public async Task Put_SameKey_LatestWinsAndRetryChangesNothing()
    {
        await Store.PutAsync(Token("t1"));
        await Store.PutAsync(Token("t2"));
        await Store.PutAsync(Token("t2"));

        (await Store.GetAsync("req-1", TaskTokenPurposes.IdentityVerification)).Should().Be(Token("t2"));
    }

    [Support.ContractFact]
    public async Task Take_Twice_SecondGetsNothing()
    {
        await Store.PutAsync(Token("t1"));

        var first = await Store.TakeAsync("req-1", TaskTokenPurposes.IdentityVerification);
        var second = await Store.TakeAsync("req-1", TaskTokenPurposes.IdentityVerification);

        first.Should().Be(Token("t1"));
        second.Should().BeNull();
        (await Store.GetAsync("req-1", TaskTokenPurposes.IdentityVerification)).Should().BeNull();
    }

    [Support.ContractFact]
    public async Task Take_SixteenConcurrent_OnlyOneGetsIt()
    {
        await Store.PutAsync(Token("t1"));

        var taken = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(() => Store.TakeAsync("req-1", TaskTokenPurposes.IdentityVerification))));

        taken.Count(t => t is not null).Should().Be(1);
    }

    [Support.ContractFact]
    public async Task DeleteIfMatches_OnlyTheSameToken_RetryIsFalse()
    {
        await Store.PutAsync(Token("t2"));

        (await Store.DeleteIfMatchesAsync("req-1", TaskTokenPurposes.IdentityVerification, "t1")).Should().BeFalse();
        (await Store.GetAsync("req-1", TaskTokenPurposes.IdentityVerification)).Should().NotBeNull();
        (await Store.DeleteIfMatchesAsync("req-1", TaskTokenPurposes.IdentityVerification, "t2")).Should().BeTrue();
        (await Store.DeleteIfMatchesAsync("req-1", TaskTokenPurposes.IdentityVerification, "t2")).Should().BeFalse();
        (await Store.GetAsync("req-1", TaskTokenPurposes.IdentityVerification)).Should().BeNull();
    }

    [Support.ContractFact]
    public async Task BadInput_ThrowsArgumentException()
    {
        var nullRecord = () => Store.PutAsync(null!);
        var badId = () => Store.PutAsync(Token("t1") with { RequestId = " r" });
        var blankToken = () => Store.PutAsync(Token(" "));
        var blankPurpose = () => Store.GetAsync("req-1", " ");
        var badGet = () => Store.GetAsync("", TaskTokenPurposes.IdentityVerification);
        var badTake = () => Store.TakeAsync("tab\there", TaskTokenPurposes.IdentityVerification);

        await nullRecord.Should().ThrowAsync<ArgumentNullException>();
        await badId.Should().ThrowAsync<ArgumentException>();
        await blankToken.Should().ThrowAsync<ArgumentException>();
        await blankPurpose.Should().ThrowAsync<ArgumentException>();
        await badGet.Should().ThrowAsync<ArgumentException>();
        await badTake.Should().ThrowAsync<ArgumentException>();
    }

    protected abstract Task<ITaskTokenStore> CreateStoreAsync();

    private static TaskTokenRecord Token(string token) =>
        new("req-1", TaskTokenPurposes.IdentityVerification, token, "arn:exec:req-1", Now, Now.AddDays(30).AddTicks(17));
}
