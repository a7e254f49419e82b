using System.Net;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Functions.Aws;

namespace Gdpr.Workflows.Functions.Tests.Aws;

public sealed class HttpsErasureConnectorTests
{
    private const string SecretId = "gdpr-workflows/prod/connectors/crm";
    private const string Secret = """{"url":"https://crm.example.com/gdpr/erase","headers":{"Authorization":"Bearer t0ken"}}""";

    private static readonly SystemRegistry Registry = SystemRegistry.Parse(
        """
        version: 1
        systems:
          - {name: crm, owner: sales, mode: sync, timeoutSeconds: 1, retention: [{data: invoices, ground: "Art. 17(3)(b)", period: 6y}]}
          - {name: shop, owner: web, mode: sync, connector: crm}
          - {name: mail, owner: ops, mode: sync}
          - {name: erp, owner: finance, mode: async, timeoutSeconds: 3600, heartbeatSeconds: 600}
        """, "test");

    [Fact]
    public async Task EraseAsync_Erased_PostsTheIdentifiersWithTheSecretsHeadersAndIdempotencyKey()
    {
        using var stubs = new EndpointStubs(Secret, _ => EndpointStubs.Json("""{"outcome":"erased","reference":"crm-42"}"""));

        var result = await Connector(stubs).EraseAsync(Context());

        result.Should().Be(new ConnectorResult(ErasureOutcome.Erased, "crm-42"));
        JsonNode.DeepEquals(JsonNode.Parse(stubs.SecretsManager.Requests.Single().Body), JsonNode.Parse($$"""{"SecretId":"{{SecretId}}"}""")).Should().BeTrue();
        var (request, body) = stubs.Endpoint.Requests.Single();
        request.Method.Should().Be(HttpMethod.Post);
        request.RequestUri.Should().Be(new Uri("https://crm.example.com/gdpr/erase"));
        request.Headers.GetValues("Authorization").Should().Equal("Bearer t0ken");
        request.Headers.GetValues("Idempotency-Key").Should().Equal("req-1/crm");
        request.Content!.Headers.ContentType!.MediaType.Should().Be("application/json");
        JsonNode.DeepEquals(JsonNode.Parse(body), JsonNode.Parse(
            """{"requestId":"req-1","system":"crm","identifiers":[{"kind":"email","value":"ann@example.com"},{"kind":"customer_id","value":"C-7"}],"today":"2026-03-02"}"""))
            .Should().BeTrue(body);
    }

    [Fact]
    public async Task EraseAsync_RetainedAnswer_ReturnsTheRuleAndDate()
    {
        using var stubs = new EndpointStubs(Secret, _ => EndpointStubs.Json(
            """{"outcome":"retained","reference":"crm-43","retainedData":"invoices","retainUntil":"2031-12-31"}"""));

        var result = await Connector(stubs).EraseAsync(Context());

        result.Should().Be(new ConnectorResult(ErasureOutcome.Retained, "crm-43", "invoices", new DateOnly(2031, 12, 31)));
    }

    [Theory]
    [InlineData(HttpStatusCode.ServiceUnavailable)]
    [InlineData(HttpStatusCode.TooManyRequests)]
    [InlineData(HttpStatusCode.RequestTimeout)]
    public async Task EraseAsync_TemporaryStatus_ThrowsTransientConnectorException(HttpStatusCode status)
    {
        using var stubs = new EndpointStubs(Secret, _ => new HttpResponseMessage(status));

        var act = () => Connector(stubs).EraseAsync(Context());

        await act.Should().ThrowAsync<TransientConnectorException>();
    }

    [Fact]
    public async Task EraseAsync_CredentialsRefused_IsTransientAndTheRetryReadsTheSecretAgain()
    {
        var answers = new Queue<HttpResponseMessage>([new(HttpStatusCode.Unauthorized), EndpointStubs.Json("""{"outcome":"not_held","reference":"r"}""")]);
        using var stubs = new EndpointStubs(Secret, _ => answers.Dequeue());
        var connector = Connector(stubs);

        var first = () => connector.EraseAsync(Context());
        await first.Should().ThrowAsync<TransientConnectorException>();
        var second = await connector.EraseAsync(Context());

        second.Outcome.Should().Be(ErasureOutcome.NotHeld);
        stubs.SecretsManager.Requests.Should().HaveCount(2);
    }

    [Fact]
    public async Task EraseAsync_OtherClientError_ThrowsEndpointRejectedWithoutTheBody()
    {
        using var stubs = new EndpointStubs(Secret, _ => EndpointStubs.Json("""{"error":"ann@example.com unknown"}""", HttpStatusCode.BadRequest));

        var act = () => Connector(stubs).EraseAsync(Context());

        (await act.Should().ThrowAsync<EndpointRejectedException>()).Which.Message.Should().NotContain("ann@example.com").And.Contain("400");
    }

    [Fact]
    public async Task EraseAsync_AnswerWithoutOutcome_ThrowsInvalidData()
    {
        using var stubs = new EndpointStubs(Secret, _ => EndpointStubs.Json("""{"reference":"r"}"""));

        var act = () => Connector(stubs).EraseAsync(Context());

        await act.Should().ThrowAsync<InvalidDataException>();
    }

    [Fact]
    public async Task EraseAsync_PlainHttpToAnotherHost_IsRefusedBeforeAnyCall()
    {
        using var stubs = new EndpointStubs("""{"url":"http://crm.example.com/erase"}""", _ => EndpointStubs.Json("{}"));

        var act = () => Connector(stubs).EraseAsync(Context());

        await act.Should().ThrowAsync<InvalidDataException>();
        stubs.Endpoint.Requests.Should().BeEmpty();
    }

    [Fact]
    public async Task EraseAsync_SystemSlowerThanItsTimeout_ThrowsTimeoutException()
    {
        using var stubs = new EndpointStubs(Secret, _ => EndpointStubs.Json("{}"));
        using var http = new HttpClient(new NeverAnswers());

        var act = () => new HttpsErasureConnector("crm", SecretId, stubs.Secrets, http).EraseAsync(Context());

        await act.Should().ThrowAsync<TimeoutException>();
    }

    [Fact]
    public void ForRegistry_SyncSystems_OneConnectorPerConnectorNameWithItsSecret()
    {
        using var stubs = new EndpointStubs(Secret, _ => EndpointStubs.Json("{}"));

        var connectors = HttpsErasureConnector.ForRegistry(Registry, "gdpr-workflows/prod/connectors/", stubs.Secrets, stubs.Http);

        connectors.Select(c => c.Name).Should().Equal("crm", "mail");
    }

    private static HttpsErasureConnector Connector(EndpointStubs stubs) => new("crm", SecretId, stubs.Secrets, stubs.Http);

    private static ErasureContext Context() => new(
        "req-1",
        Registry.Find("crm")!,
        SubjectIdentifiers.Of(SubjectIdentifier.Email("Ann@Example.com"), SubjectIdentifier.CustomerId("C-7")),
        new DateOnly(2026, 3, 2));

    private sealed class NeverAnswers : HttpMessageHandler
    {
        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken);
            throw new InvalidOperationException("unreachable");
        }
    }
}
