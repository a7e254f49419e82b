using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Erasure.Tests.Ports;

/// <summary>What every <see cref="ITaskTokenStore"/> must do; a store's test class derives from this.</summary>
public abstract class TaskTokenStoreContractTests
{
    private static readonly DateTimeOffset Now = new(2025, 3, 3, 9, 0, 0, TimeSpan.Zero);

    protected abstract ITaskTokenStore CreateStore();

    private static TaskTokenRecord Token(string token, string purpose = TaskTokenPurposes.IdentityVerification) =>
        new("req-1", purpose, token, "arn:exec:req-1", Now, Now.AddDays(30));

    [Fact]
    public async Task GetAsync_AfterPut_ReturnsIt()
    {
        var store = CreateStore();
        await store.PutAsync(Token("t1"));

        (await store.GetAsync("req-1", TaskTokenPurposes.IdentityVerification)).Should().Be(Token("t1"));
        (await store.GetAsync("req-1", TaskTokenPurposes.ForSystem("crm"))).Should().BeNull();
    }

    [Fact]
    public async Task PutAsync_SameKey_LatestWins()
    {
        var store = CreateStore();
        await store.PutAsync(Token("t1"));
        await store.PutAsync(Token("t2"));

        (await store.GetAsync("req-1", TaskTokenPurposes.IdentityVerification))!.TaskToken.Should().Be("t2");
    }

    [Fact]
    public async Task TakeAsync_Twice_SecondGetsNothing()
    {
        var store = CreateStore();
        await store.PutAsync(Token("t1"));

        var first = await store.TakeAsync("req-1", TaskTokenPurposes.IdentityVerification);
        var second = await store.TakeAsync("req-1", TaskTokenPurposes.IdentityVerification);

        first!.TaskToken.Should().Be("t1");
        second.Should().BeNull();
    }

    [Fact]
    public async Task TakeAsync_Concurrent_OnlyOneGetsIt()
    {
        var store = CreateStore();
        await store.PutAsync(Token("t1"));

        var taken = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ =>
            Task.Run(() => store.TakeAsync("req-1", TaskTokenPurposes.IdentityVerification))));

        taken.Count(t => t is not null).Should().Be(1);
    }

    [Fact]
    public async Task DeleteIfMatchesAsync_NewerToken_KeepsIt()
    {
        var store = CreateStore();
        await store.PutAsync(Token("t2"));

        (await store.DeleteIfMatchesAsync("req-1", TaskTokenPurposes.IdentityVerification, "t1")).Should().BeFalse();
        (await store.DeleteIfMatchesAsync("req-1", TaskTokenPurposes.IdentityVerification, "t2")).Should().BeTrue();
        (await store.GetAsync("req-1", TaskTokenPurposes.IdentityVerification)).Should().BeNull();
    }

    [Fact]
    public void ToString_Record_RedactsTheToken()
    {
        Token("secret-token-value").ToString().Should().NotContain("secret-token-value").And.Contain("<redacted>");
    }

    [Fact]
    public void ForSystem_Name_PrefixesIt()
    {
        TaskTokenPurposes.ForSystem("support-desk").Should().Be("system:support-desk");
    }
}
