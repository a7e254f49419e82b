using CsCheck;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Reliability.Tests.Support;
using Gdpr.Workflows.TestSupport.Hostile;

namespace Gdpr.Workflows.Reliability.Tests.Registry;

/// <summary>
/// The registry loader over mutated registries: each is read into systems that pass the registry's own validation,
/// or refused with <see cref="SystemRegistryException"/> naming the file (and line, system and field where known).
/// </summary>
public sealed class SystemRegistryPropertyTests
{
    private const string Source = "systems.yaml";

    private const string Valid = """
        version: 1
        systems:
          - name: orders
            owner: commerce-team
            mode: sync
            timeoutSeconds: 120
            retention:
              - data: invoices
                ground: "Art. 17(3)(b)"
                period: 6y
            recipients:
              - name: Parcel carrier
                method: api
                address: https://carrier.example/erasure
          - name: support-desk
            owner: customer-support
            mode: async
            timeoutSeconds: 604800
            heartbeatSeconds: 86400
            recipients:
              - name: Old partner
                method: none
                impossibleReason: recipient-unknown
        """;

    private static readonly string[] Lines = Valid.Split('\n');

    private static readonly Gen<string> YamlValue = Gen.Frequency(
        (3, Gen.OneOf("sync", "async", "batch", "0", "-1", "1e9", "0x10", "2147483648", "99999999999999999999", "6y", "0d", "P6Y", "P99999999Y", "99999999y", "-6y", "Art. 17(3)(f)", "~", "null", "[]", "{}", "''", "\"\"")),
        (2, Gen.OneOf(HostileGen.Injections).Select(s => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"")),
        (2, Gen.OneOf("&a x", "*a", "*undefined", "!!binary aGVsbG8=", "!!python/object:os.system ls", "!custom 1", "[1, [2, [3]]]", "{a: {b: c}}", "|\n  block", ">-\n  folded", "- item", "? complex", "%YAML 1.1", "---", "...", "\t")),
        (1, Gen.String[Gen.Char, 0, 30]));

    /// <summary>The valid registry with one line changed: a value replaced, a field renamed or added, a line dropped or duplicated.</summary>
    private static readonly Gen<string> Mutated = Gen.Select(Gen.Int[0, Lines.Length - 1], Gen.Int[0, 4], YamlValue, Gen.OneOf("owner", "mode", "colour", "timeoutSeconds", "name", "retention", "version")).Select((line, how, value, field) =>
    {
        var lines = Lines.ToList();
        var text = lines[line];
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        var indent = text[..(text.Length - text.TrimStart().Length)];
        switch (how)
        {
            case 0 when colon > 0:
                lines[line] = text[..(colon + 1)] + " " + value;
                break;
            case 1 when colon > 0:
                lines[line] = indent + field + text[colon..];
                break;
            case 2:
                lines.Insert(line, indent + field + ": " + value);
                break;
            case 3:
                lines.RemoveAt(line);
                break;
            default:
                lines.Insert(line, text);
                break;
        }

        return string.Join('\n', lines);
    });

    private static readonly Gen<string> AnyText = Gen.Frequency(
        (6, Mutated),
        (1, HostileGen.MalformedJson),
        (1, Gen.OneOf("", "systems:", "systems: []", "systems: {}", "- a\n- b", "version: 2\nsystems: [{name: a}]", "a: &x [*x]", "[" + Valid + "]", Valid + "\n---\n" + Valid)));

    [Fact]
    public void Parse_AnyText_GivesValidSystemsOrAnErrorNamingTheFile() =>
        AnyText.Sample(text =>
        {
            SystemRegistry registry;
            try
            {
                registry = SystemRegistry.Parse(text, Source);
            }
            catch (SystemRegistryException refused)
            {
                refused.Message.Should().StartWith(Source + ":", "the error says which file");
                refused.Problem.Should().NotBeNullOrWhiteSpace();
                return;
            }

            registry.Systems.Should().NotBeEmpty();
            SystemRegistry.Of(registry.Systems).Systems.Should().HaveSameCount(registry.Systems, "what the file gives passes the rules for code-built registries");
        }, iter: Properties.Iterations, threads: 1);

    [Theory]
    [InlineData(10_000)]
    [InlineData(200)]
    public void Parse_DeeplyNestedDocument_IsRefusedWithAReason(int depth)
    {
        var text = "systems:\n  - name: a\n    owner: " + HostileGen.DeeplyNested(depth);

        var parse = () => SystemRegistry.Parse(text, Source);

        parse.Should().Throw<SystemRegistryException>().Which.Message.Should().StartWith(Source);
    }

    [Fact]
    public void Parse_UnclosedFlowSequenceWithQuotes_IsRefusedWithAReason()
    {
        var text = "version: 1\nsystems:\n  - name: orders\n    owner: commerce-team\n    mode: [H9x5t+aw`C7'{Pag1p\"t\n    timeoutSeconds: 120\n";

        var parse = () => SystemRegistry.Parse(text, Source);

        parse.Should().Throw<SystemRegistryException>().Which.Message.Should().StartWith(Source).And.Contain("not valid YAML");
    }

    [Fact]
    public void Parse_AliasBomb_IsRefusedWithAReason()
    {
        var lines = new List<string> { "a0: &a0 [x, x, x, x, x, x, x, x, x, x]" };
        for (var i = 1; i < 12; i++)
        {
            lines.Add($"a{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 10))}]");
        }

        lines.Add("systems: *a11");

        var parse = () => SystemRegistry.Parse(string.Join('\n', lines), Source);

        parse.Should().Throw<SystemRegistryException>().Which.Message.Should().StartWith(Source);
    }
}
