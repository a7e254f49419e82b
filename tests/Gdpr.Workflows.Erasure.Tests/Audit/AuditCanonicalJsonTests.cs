using Gdpr.Workflows.Erasure.Audit;

namespace Gdpr.Workflows.Erasure.Tests.Audit;

public class AuditCanonicalJsonTests
{
    // Expected text and hash produced independently with Python:
    // json.dumps(event, sort_keys=True, separators=(",", ":"), ensure_ascii=False) and hashlib.sha256.
    private const string ExpectedJson =
        "{\"actor\":\"intake-api\",\"details\":{\"Channel\":\"web-form\",\"locale\":\"fr-FR é\",\"reason\":\"Art. 17(1)(a) \\\"no longer necessary\\\" \\\\ ok\"},"
        + "\"idempotencyKey\":\"exec-1/Receive\",\"occurredAt\":\"2025-01-31T09:30:00.123Z\","
        + "\"previousHash\":\"0000000000000000000000000000000000000000000000000000000000000000\",\"requestId\":\"req-1\",\"sequence\":1,"
        + "\"subjectHash\":\"abababababababababababababababababababababababababababababababab\",\"system\":null,\"type\":\"RequestReceived\",\"v\":1}";

    private const string ExpectedHash = "5223a4fa3460e609f8c51eace9471e8125b83b4be4131647035d2ec0737b2020";

    private static AuditEvent Sample() => AuditEvent.CreateChained(
        "req-1",
        1,
        new DateTimeOffset(2025, 1, 31, 10, 30, 0, 123, TimeSpan.FromHours(1)),
        new AuditEventDraft(AuditEventType.RequestReceived, "intake-api")
        {
            SubjectHash = string.Concat(Enumerable.Repeat("ab", 32)),
            IdempotencyKey = "exec-1/Receive",
            Details = new Dictionary<string, string>
            {
                ["reason"] = "Art. 17(1)(a) \"no longer necessary\" \\ ok",
                ["locale"] = "fr-FR é",
                ["Channel"] = "web-form",
            },
        },
        AuditEvent.GenesisHash);

    [Fact]
    public void Serialize_Event_IsSortedCompactJsonInUtc()
    {
        AuditCanonicalJson.Serialize(Sample()).Should().Be(ExpectedJson);
    }

    [Fact]
    public void ComputeHash_Event_IsSha256OfCanonicalUtf8()
    {
        AuditCanonicalJson.ComputeHash(Sample()).Should().Be(ExpectedHash);
        Sample().Hash.Should().Be(ExpectedHash);
    }

    [Fact]
    public void ComputeHash_DetailsGivenInAnyOrder_IsTheSame()
    {
        var a = AuditEvent.CreateChained("req-1", 1, AuditChains.Start, new AuditEventDraft(AuditEventType.SystemErased, "w")
        {
            Details = new Dictionary<string, string> { ["a"] = "1", ["b"] = "2" },
        }, AuditEvent.GenesisHash);
        var b = AuditEvent.CreateChained("req-1", 1, AuditChains.Start, new AuditEventDraft(AuditEventType.SystemErased, "w")
        {
            Details = new Dictionary<string, string> { ["b"] = "2", ["a"] = "1" },
        }, AuditEvent.GenesisHash);

        a.Hash.Should().Be(b.Hash);
    }

    [Fact]
    public void Serialize_DistinctFieldsWithSameText_DoNotCollide()
    {
        var withSystem = AuditEvent.CreateChained("req-1", 1, AuditChains.Start,
            new AuditEventDraft(AuditEventType.SystemErased, "w") { System = "crm" }, AuditEvent.GenesisHash);
        var withDetail = AuditEvent.CreateChained("req-1", 1, AuditChains.Start,
            new AuditEventDraft(AuditEventType.SystemErased, "w") { Details = new Dictionary<string, string> { ["system"] = "crm" } }, AuditEvent.GenesisHash);

        withSystem.Hash.Should().NotBe(withDetail.Hash);
    }
}
