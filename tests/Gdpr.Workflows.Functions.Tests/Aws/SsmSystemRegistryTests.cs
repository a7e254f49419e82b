using Gdpr.Workflows.Aws.Ssm;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Functions.Aws;
using Gdpr.Workflows.TestSupport.Http;

namespace Gdpr.Workflows.Functions.Tests.Aws;

public sealed class SsmSystemRegistryTests
{
    private const string Path = "/gdpr-workflows/dev/systems/";

    [Fact]
    public void Parse_YamlAndJsonEntries_ReadsEverySystemInNameOrder()
    {
        var registry = SsmSystemRegistry.Parse(
        [
            Parameter("orders", "name: orders\nowner: commerce\nmode: sync\nretention:\n  - {data: invoices, ground: \"Art. 17(3)(b)\", period: 6y}"),
            Parameter("crm", """{"name": "crm", "owner": "sales", "mode": "sync", "timeoutSeconds": 60}"""),
        ], Path);

        registry.Systems.Select(s => s.Name).Should().Equal("crm", "orders");
        registry.Find("orders")!.Retention.Single().Data.Should().Be("invoices");
        registry.Find("crm")!.TimeoutSeconds.Should().Be(60);
    }

    [Fact]
    public void Parse_SystemNamedOtherThanItsParameter_IsRefused()
    {
        var act = () => SsmSystemRegistry.Parse([Parameter("crm", "{name: billing, owner: finance, mode: sync}")], Path);

        act.Should().Throw<SystemRegistryException>().WithMessage("*billing*");
    }

    [Fact]
    public void Parse_NoParameters_IsRefused()
    {
        var act = () => SsmSystemRegistry.Parse([], Path);

        act.Should().Throw<SystemRegistryException>().WithMessage("*ssm:/gdpr-workflows/dev/systems/*");
    }

    [Fact]
    public async Task LoadAsync_Path_AsksForTheParametersDirectlyUnderIt()
    {
        var stub = new StubHttpMessageHandler(_ => AwsStub.Json(
            """{"Parameters":[{"Name":"/gdpr-workflows/dev/systems/crm","Type":"String","Value":"{name: crm, owner: sales, mode: sync}","Version":1}]}"""));
        using var ssm = new SsmClient(AwsStub.Options(stub));

        var registry = await SsmSystemRegistry.LoadAsync(ssm, Path);

        registry.Find("crm").Should().NotBeNull();
        stub.Requests.Single().Body.Should().Be("""{"Path":"/gdpr-workflows/dev/systems","Recursive":false,"WithDecryption":false,"MaxResults":10}""");
    }

    private static SsmParameter Parameter(string system, string value) => new() { Name = Path + system, Value = value, Type = "String" };
}
