using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Tests.Registry;

public class SystemRegistryTests
{
    private const string Minimal = """
        systems:
          - name: crm
            owner: sales
            mode: sync
        """;

    [Fact]
    public void Load_SampleRegistry_DescribesTheFourSampleSystems()
    {
        var registry = SystemRegistry.Load(RepositoryFiles.Path("samples", "systems.yaml"));

        registry.Systems.Select(s => s.Name).Should().Equal("orders", "crm", "marketing", "support-desk");
        var orders = registry.Find("orders")!;
        orders.Mode.Should().Be(ErasureMode.Sync);
        orders.FindRetention("invoices")!.Should().BeEquivalentTo(new
        {
            Ground = RetentionGround.LegalObligation,
            Period = new RetentionPeriod(6),
        });
        registry.Find("support-desk")!.Should().BeEquivalentTo(new { Mode = ErasureMode.Async, TimeoutSeconds = 604800, HeartbeatSeconds = 86400 });
        registry.Find("marketing")!.Recipients.Should().Contain(r => r.Method == RecipientMethod.None && r.ImpossibleReason == "recipient-unknown");
    }

    [Fact]
    public void Parse_SyncWithoutTimings_UsesDefaults()
    {
        var crm = SystemRegistry.Parse(Minimal, "test.yaml").Find("crm")!;

        crm.Should().BeEquivalentTo(new
        {
            Owner = "sales",
            TimeoutSeconds = 300,
            HeartbeatSeconds = 300,
            Connector = "crm",
            ModeName = "sync",
        });
        crm.Retention.Should().BeEmpty();
        crm.Recipients.Should().BeEmpty();
    }

    [Fact]
    public void Parse_Json_IsAccepted()
    {
        const string json = """
            {"systems": [{"name": "desk", "owner": "support", "mode": "async", "timeoutSeconds": 600, "heartbeatSeconds": 60,
                          "recipients": [{"name": "Partner", "method": "email", "address": "privacy@partner.example"}]}]}
            """;

        var desk = SystemRegistry.Parse(json, "systems.json").Find("desk")!;

        desk.Mode.Should().Be(ErasureMode.Async);
        desk.Recipients.Should().ContainSingle().Which.Method.Should().Be(RecipientMethod.Email);
    }

    [Theory]
    [InlineData("    mode: batch\n", 4, "mode", "'sync' or 'async'")]
    [InlineData("    mode: async\n    heartbeatSeconds: 10\n", 2, "timeoutSeconds", "required")]
    [InlineData("    mode: async\n    timeoutSeconds: 60\n    heartbeatSeconds: 120\n", 6, "heartbeatSeconds", "1 to the timeout (60)")]
    [InlineData("    mode: sync\n    timeoutSeconds: soon\n", 5, "timeoutSeconds", "whole number")]
    [InlineData("    mode: sync\n    colour: blue\n", 5, "colour", "not a known field")]
    [InlineData("    mode: sync\n    retention:\n      - {data: invoices, ground: \"Art. 17(3)(f)\", period: 6y}\n", 6, "retention.ground", "a to e")]
    [InlineData("    mode: sync\n    retention:\n      - {data: invoices, ground: b, period: forever}\n", 6, "retention.period", "6y")]
    [InlineData("    mode: sync\n    retention:\n      - {data: invoices, ground: b}\n", 6, "retention.period", "required")]
    [InlineData("    mode: sync\n    recipients:\n      - {name: Partner, method: none}\n", 6, "recipients", "impossibleReason")]
    [InlineData("    mode: sync\n    recipients:\n      - {name: Partner, method: api}\n", 6, "recipients", "needs an address")]
    [InlineData("    mode: sync\n    connector: Orders DB\n", 5, "connector", "lower-case")]
    public void Parse_InvalidField_NamesFileLineSystemAndField(string fields, int line, string field, string problem)
    {
        var text = "systems:\n  - name: orders\n    owner: shop\n" + fields;

        var act = () => SystemRegistry.Parse(text, "systems.yaml");

        act.Should().Throw<SystemRegistryException>()
            .Where(e => e.Line == line && e.System == "orders" && e.Field == field && e.Source == "systems.yaml")
            .Which.Message.Should().StartWith($"systems.yaml:{line}: system 'orders', field '{field}': ").And.Contain(problem);
    }

    [Fact]
    public void Parse_DuplicateName_PointsAtTheSecondAndTheFirst()
    {
        const string text = """
            systems:
              - name: crm
                owner: a
                mode: sync
              - name: crm
                owner: b
                mode: sync
            """;

        var act = () => SystemRegistry.Parse(text, "r.yaml");

        act.Should().Throw<SystemRegistryException>().WithMessage("r.yaml:5: system 'crm', field 'name': is already used by the system on line 2*");
    }

    [Theory]
    [InlineData("systems: []\n", "systems")]
    [InlineData("other: 1\n", "other")]
    [InlineData("version: 2\nsystems:\n  - {name: crm, owner: a, mode: sync}\n", "version")]
    [InlineData("systems:\n  - owner: a\n    mode: sync\n", "name")]
    public void Parse_BadShape_NamesTheField(string text, string field)
    {
        var act = () => SystemRegistry.Parse(text, "r.yaml");

        act.Should().Throw<SystemRegistryException>().Where(e => e.Field == field);
    }

    [Fact]
    public void Parse_NotYaml_ReportsTheLine()
    {
        var act = () => SystemRegistry.Parse("systems:\n  - name: [unclosed\n", "r.yaml");

        act.Should().Throw<SystemRegistryException>().Where(e => e.Line != null).WithMessage("r.yaml:*not valid YAML or JSON*");
    }

    [Fact]
    public void Load_MissingFile_SaysItCannotBeRead()
    {
        var act = () => SystemRegistry.Load("/no/such/systems.yaml");

        act.Should().Throw<SystemRegistryException>().WithMessage("/no/such/systems.yaml: cannot be read*");
    }

    [Fact]
    public void Of_InvalidDefinition_IsRefusedLikeAFile()
    {
        var bad = new SystemDefinition("crm", "sales", ErasureMode.Async, 60, 120, "crm", [], []);

        var act = () => SystemRegistry.Of([bad]);

        act.Should().Throw<SystemRegistryException>().Where(e => e.System == "crm" && e.Field == "heartbeatSeconds");
    }

    [Fact]
    public void Of_ValidDefinitions_FindsByName()
    {
        var crm = new SystemDefinition("crm", "sales", ErasureMode.Sync, 60, 60, "crm", [], []);

        SystemRegistry.Of([crm]).Find("crm").Should().BeSameAs(crm);
    }
}
