using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Erasure.Tests.Services;

public sealed class SystemsServiceTests : IDisposable
{
    private readonly ServiceHarness _h = new();

    public void Dispose() => _h.Dispose();

    [Fact]
    public async Task ListAsync_Request_EveryRegistrySystemWithModeAndTimings()
    {
        var id = await _h.StartedRequestAsync();

        var plan = await _h.SystemsList.ListAsync(id, ServiceHarness.ExecutionOf(id));

        plan.Systems.Should().Equal(
            new PlannedSystem("orders", "sync", 300, 300),
            new PlannedSystem("crm", "sync", 300, 300),
            new PlannedSystem("marketing", "sync", 300, 300),
            new PlannedSystem("support-desk", "async", 3600, 86400));
        (await _h.SystemsList.ListAsync(id, ServiceHarness.ExecutionOf(id))).Systems.Should().Equal(plan.Systems);
    }

    [Fact]
    public async Task ListAsync_UnknownRequest_NotFound()
    {
        var act = () => _h.SystemsList.ListAsync("req-missing", "arn:x");

        await act.Should().ThrowAsync<NotFoundException>();
    }

    [Fact]
    public void ToJson_Plan_OnlyTheSixFieldsPerSystem()
    {
        var plan = new SystemsPlan([new PlannedSystem("support-desk", "async", 60, 600, new DateOnly(2026, 4, 2), new DateTimeOffset(2026, 3, 2, 9, 10, 0, TimeSpan.Zero))]);

        plan.ToJson().ToJsonString().Should().Be("""{"systems":[{"system":"support-desk","mode":"async","heartbeatSeconds":60,"timeoutSeconds":600,"expectedBy":"2026-04-02","respondBy":"2026-03-02T09:10:00Z"}]}""");
    }
}
