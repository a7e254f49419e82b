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

        // Received Monday 3 March 2025 at 09:30: the legal deadline is Thursday 3 April 2025 (expectedBy); each task must
        // be answered within its timeout of the plan (respondBy): 09:35 for the sync systems, a day later for the desk.
        var expectedBy = new DateOnly(2025, 4, 3);
        var syncBy = new DateTimeOffset(2025, 3, 3, 9, 35, 0, TimeSpan.Zero);
        plan.Systems.Should().Equal(
            new PlannedSystem("orders", "sync", 300, 300, expectedBy, syncBy),
            new PlannedSystem("crm", "sync", 300, 300, expectedBy, syncBy),
            new PlannedSystem("marketing", "sync", 300, 300, expectedBy, syncBy),
            new PlannedSystem("support-desk", "async", 3600, 86400, expectedBy, new DateTimeOffset(2025, 3, 4, 9, 30, 0, TimeSpan.Zero)));
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
