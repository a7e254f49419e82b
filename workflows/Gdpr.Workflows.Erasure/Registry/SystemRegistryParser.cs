using System.Globalization;
using System.Text.RegularExpressions;
using Gdpr.Workflows.Erasure.Requests;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Gdpr.Workflows.Erasure.Registry;

/// <summary>
/// Reads the registry format:
/// <code>
/// systems:
///   - name: orders              # [a-z][a-z0-9-]*, unique
///     owner: commerce-team
///     mode: sync                # sync | async
///     timeoutSeconds: 120       # async: required; sync: default 300
///     heartbeatSeconds: 60      # async: required, at most the timeout; sync: default the timeout
///     connector: orders         # default: the name
///     role: controller          # controller (default) | processor
///     retention:
///       - {data: invoices, ground: "Art. 17(3)(b)", period: 6y, description: "..."}
///       - {data: ledgers, ground: b, period: 6y, countedFrom: financial-year-end, financialYearEnd: "03-31"}
///     recipients:
///       - {name: Parcel carrier, method: api, address: "https://..."}
///       - {name: Old partner, method: none, impossibleReason: recipient-unknown}
/// </code>
/// Unknown fields are errors, so a misspelt field is never silently ignored.
/// </summary>
internal static partial class SystemRegistryParser
{
    public const int DefaultSyncTimeoutSeconds = 300;

    /// <summary>Step Functions' longest execution: a task cannot wait longer.</summary>
    public const int MaxTimeoutSeconds = 365 * 24 * 3600;

    private static readonly string[] SystemFields =
        ["name", "owner", "description", "mode", "timeoutSeconds", "heartbeatSeconds", "connector", "role", "retention", "recipients"];

    private static readonly string[] RetentionFields = ["data", "ground", "period", "description", "countedFrom", "financialYearEnd"];

    private static readonly string[] RecipientFields = ["name", "method", "address", "impossibleReason"];

    public static IReadOnlyList<SystemDefinition> Parse(string text, string source)
    {
        var root = ReadRoot(text, source);
        var reader = new NodeReader(source, null);
        reader.CheckFields(root, ["systems", "version"]);
        if (Find(root, "version") is { } version && Scalar(version) != "1")
        {
            throw reader.Error(version, "version", "must be 1 (the only format version).");
        }

        if (Find(root, "systems") is not YamlSequenceNode list || list.Children.Count == 0)
        {
            throw reader.Error(Find(root, "systems") ?? root, "systems", "must be a non-empty list of systems.");
        }

        var systems = new List<SystemDefinition>();
        var lines = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in list.Children)
        {
            var system = ParseSystem(node, source);
            if (lines.TryGetValue(system.Name, out var firstLine))
            {
                throw new SystemRegistryException(source, Line(node), system.Name, "name", $"is already used by the system on line {firstLine}; names are unique.");
            }

            lines.Add(system.Name, Line(node));
            systems.Add(system);
        }

        return systems;
    }

    /// <summary>Checks definitions built in code by the same rules as a file.</summary>
    public static void Validate(IReadOnlyList<SystemDefinition> systems, string source)
    {
        if (systems.Count == 0)
        {
            throw new SystemRegistryException(source, null, null, "systems", "must name at least one system.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var system in systems)
        {
            void Fail(string field, string problem) => throw new SystemRegistryException(source, null, system.Name, field, problem);
            if (!NamePattern().IsMatch(system.Name ?? string.Empty))
            {
                Fail("name", NameRule);
            }

            if (!seen.Add(system.Name!))
            {
                Fail("name", "is used twice; names are unique.");
            }

            if (string.IsNullOrWhiteSpace(system.Owner))
            {
                Fail("owner", "is required.");
            }

            if (!NamePattern().IsMatch(system.Connector ?? string.Empty))
            {
                Fail("connector", NameRule);
            }

            if (TimingProblem(system.TimeoutSeconds, system.HeartbeatSeconds) is { } timing)
            {
                Fail(timing.Field, timing.Problem);
            }

            foreach (var recipient in system.Recipients)
            {
                if (RecipientProblem(recipient.Method, recipient.Address, recipient.ImpossibleReason) is { } problem)
                {
                    Fail("recipients", problem);
                }
            }

            if (system.Retention.GroupBy(r => r.Data, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                Fail("retention", $"names the data '{twice.Key}' twice.");
            }
        }
    }

    private const string NameRule = "must be lower-case letters, digits and hyphens, starting with a letter (at most 63).";

    private static YamlMappingNode ReadRoot(string text, string source)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            var line = e.Start.Line > 0 ? (int?)e.Start.Line : null;
            throw new SystemRegistryException(source, line, null, null, $"is not valid YAML or JSON: {e.Message}", e);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException)
        {
            // YamlDotNet's scanner throws these (not YamlException) on some malformed flow collections and scalars.
            throw new SystemRegistryException(source, null, null, null, "is not valid YAML or JSON: the YAML reader could not make sense of it (an unclosed [ or { is a common cause).", e);
        }

        if (stream.Documents.Count != 1 || stream.Documents[0].RootNode is not YamlMappingNode root)
        {
            throw new SystemRegistryException(source, 1, null, null, "must be one document holding a mapping with a 'systems' list.");
        }

        return root;
    }

    private static SystemDefinition ParseSystem(YamlNode node, string source)
    {
        if (node is not YamlMappingNode map)
        {
            throw new SystemRegistryException(source, Line(node), null, null, "every entry of 'systems' must be a mapping (name, owner, mode, ...).");
        }

        var nameNode = Find(map, "name");
        var name = nameNode is null ? null : Scalar(nameNode);
        var reader = new NodeReader(source, name);
        if (nameNode is null || string.IsNullOrEmpty(name))
        {
            throw reader.Error(nameNode ?? map, "name", "is required.");
        }

        if (!NamePattern().IsMatch(name))
        {
            throw reader.Error(nameNode, "name", NameRule);
        }

        reader.CheckFields(map, SystemFields);
        var owner = reader.RequiredText(map, "owner", 128);
        var description = reader.OptionalText(map, "description", 1024);
        var modeNode = reader.Required(map, "mode");
        var mode = Scalar(modeNode) switch
        {
            "sync" => ErasureMode.Sync,
            "async" => ErasureMode.Async,
            var other => throw reader.Error(modeNode, "mode", $"must be 'sync' or 'async', not '{other}'."),
        };

        var timeout = mode == ErasureMode.Async
            ? reader.RequiredInt(map, "timeoutSeconds")
            : reader.OptionalInt(map, "timeoutSeconds") ?? DefaultSyncTimeoutSeconds;
        var heartbeat = mode == ErasureMode.Async
            ? reader.RequiredInt(map, "heartbeatSeconds")
            : reader.OptionalInt(map, "heartbeatSeconds") ?? timeout;
        if (TimingProblem(timeout, heartbeat) is { } timing)
        {
            throw reader.Error(Find(map, timing.Field) ?? map, timing.Field, timing.Problem);
        }

        var connector = name;
        if (Find(map, "connector") is { } connectorNode)
        {
            connector = Scalar(connectorNode);
            if (!NamePattern().IsMatch(connector))
            {
                throw reader.Error(connectorNode, "connector", NameRule);
            }
        }

        var retention = reader.List(map, "retention", item => ParseRetention(reader, item));
        if (retention.GroupBy(r => r.Data, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw reader.Error(Find(map, "retention")!, "retention", $"names the data '{twice.Key}' twice.");
        }

        var recipients = reader.List(map, "recipients", item => ParseRecipient(reader, item));
        var role = Find(map, "role") is { } roleNode
            ? Scalar(roleNode) switch
            {
                "controller" => SystemRole.Controller,
                "processor" => SystemRole.Processor,
                var other => throw reader.Error(roleNode, "role", $"must be 'controller' or 'processor', not '{other}'."),
            }
            : SystemRole.Controller;
        return new SystemDefinition(name, owner, mode, timeout, heartbeat, connector, retention, recipients, description) { Role = role };
    }

    private static RetentionRule ParseRetention(NodeReader reader, YamlMappingNode map)
    {
        reader.CheckFields(map, RetentionFields, "retention");
        var data = reader.RequiredText(map, "data", 64, "retention.data");
        var groundNode = reader.Required(map, "ground", "retention.ground");
        if (!RetentionGrounds.TryParse(Scalar(groundNode), out var ground))
        {
            throw reader.Error(groundNode, "retention.ground", $"must be an Art. 17(3) point such as \"Art. 17(3)(b)\" (a to e), not '{Scalar(groundNode)}'.");
        }

        var periodNode = reader.Required(map, "period", "retention.period");
        if (!RetentionPeriod.TryParse(Scalar(periodNode), out var period))
        {
            throw reader.Error(periodNode, "retention.period", $"must be a period such as 6y, 18m, 90d or P6Y, not '{Scalar(periodNode)}'.");
        }

        var start = Find(map, "countedFrom") is { } startNode
            ? Scalar(startNode) switch
            {
                "record-date" => RetentionStart.RecordDate,
                "financial-year-end" => RetentionStart.FinancialYearEnd,
                var other => throw reader.Error(startNode, "retention.countedFrom", $"must be 'record-date' or 'financial-year-end', not '{other}'."),
            }
            : RetentionStart.RecordDate;
        var yearEnd = (Month: 3, Day: 31);
        if (Find(map, "financialYearEnd") is { } endNode)
        {
            yearEnd = start == RetentionStart.FinancialYearEnd && ParseMonthDay(Scalar(endNode)) is { } parsed
                ? parsed
                : throw reader.Error(endNode, "retention.financialYearEnd", "must be the year's last day as MM-DD (e.g. \"03-31\"), with countedFrom: financial-year-end.");
        }

        return new RetentionRule(data, ground, period!, reader.OptionalText(map, "description", 1024, "retention.description"))
        {
            CountedFrom = start,
            FinancialYearEnd = yearEnd,
        };
    }

    private static Recipient ParseRecipient(NodeReader reader, YamlMappingNode map)
    {
        reader.CheckFields(map, RecipientFields, "recipients");
        var name = reader.RequiredText(map, "name", 128, "recipients.name");
        var methodNode = reader.Required(map, "method", "recipients.method");
        var method = Scalar(methodNode) switch
        {
            "api" => RecipientMethod.Api,
            "email" => RecipientMethod.Email,
            "post" => RecipientMethod.Post,
            "none" => RecipientMethod.None,
            var other => throw reader.Error(methodNode, "recipients.method", $"must be api, email, post or none, not '{other}'."),
        };
        var address = reader.OptionalText(map, "address", 512, "recipients.address");
        var reason = reader.OptionalText(map, "impossibleReason", 64, "recipients.impossibleReason");
        if (RecipientProblem(method, address, reason) is { } problem)
        {
            throw reader.Error(map, "recipients", $"recipient '{name}' {problem}");
        }

        return new Recipient(name, method, address, reason);
    }

    /// <summary>"03-31" → (3, 31); null for anything that is not a day of the year (29 February is allowed).</summary>
    private static (int Month, int Day)? ParseMonthDay(string text)
    {
        var match = YearEndPattern().Match(text);
        if (!match.Success)
        {
            return null;
        }

        var month = int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        var day = int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture);
        return month is >= 1 and <= 12 && day >= 1 && day <= DateTime.DaysInMonth(2024, month) ? (month, day) : null;
    }

    private static (string Field, string Problem)? TimingProblem(int timeout, int heartbeat)
    {
        if (timeout is < 1 or > MaxTimeoutSeconds)
        {
            return ("timeoutSeconds", $"must be 1 to {MaxTimeoutSeconds} seconds (a year, the longest a task can wait), not {timeout}.");
        }

        if (heartbeat < 1 || heartbeat > timeout)
        {
            return ("heartbeatSeconds", $"must be 1 to the timeout ({timeout}) seconds, not {heartbeat}.");
        }

        return null;
    }

    private static string? RecipientProblem(RecipientMethod method, string? address, string? reason) => method switch
    {
        RecipientMethod.None when reason is null || !ReasonPattern().IsMatch(reason) =>
            "cannot be told (method none), so it needs an impossibleReason code such as recipient-unknown or disproportionate-effort.",
        RecipientMethod.Api or RecipientMethod.Email when string.IsNullOrWhiteSpace(address) =>
            $"is told by {method.ToString().ToLowerInvariant()}, so it needs an address.",
        not RecipientMethod.None when reason is not null => "has an impossibleReason but can be told; use method none or drop the reason.",
        _ => null,
    };

    private static YamlNode? Find(YamlMappingNode map, string key) =>
        map.Children.FirstOrDefault(pair => pair.Key is YamlScalarNode k && k.Value == key).Value;

    private static string Scalar(YamlNode node) => node is YamlScalarNode scalar ? scalar.Value ?? string.Empty : string.Empty;

    private static int Line(YamlNode node) => (int)node.Start.Line;

    [GeneratedRegex("^[a-z][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex NamePattern();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,63}$", RegexOptions.CultureInvariant)]
    private static partial Regex ReasonPattern();

    [GeneratedRegex("^([0-9]{2})-([0-9]{2})$", RegexOptions.CultureInvariant)]
    private static partial Regex YearEndPattern();

    /// <summary>Field access that reports errors at the node's line, for one system.</summary>
    private sealed class NodeReader(string source, string? system)
    {
        public SystemRegistryException Error(YamlNode node, string field, string problem) =>
            new(source, Line(node), system, field, problem);

        public void CheckFields(YamlMappingNode map, string[] allowed, string? prefix = null)
        {
            foreach (var key in map.Children.Keys)
            {
                var name = Scalar(key);
                if (!allowed.Contains(name, StringComparer.Ordinal))
                {
                    var field = prefix is null ? name : $"{prefix}.{name}";
                    throw Error(key, field, $"is not a known field; expected one of: {string.Join(", ", allowed)}.");
                }
            }
        }

        public YamlNode Required(YamlMappingNode map, string key, string? field = null) =>
            Find(map, key) ?? throw Error(map, field ?? key, "is required.");

        public string RequiredText(YamlMappingNode map, string key, int maxLength, string? field = null) =>
            OptionalText(map, key, maxLength, field) ?? throw Error(map, field ?? key, "is required.");

        public string? OptionalText(YamlMappingNode map, string key, int maxLength, string? field = null)
        {
            if (Find(map, key) is not { } node)
            {
                return null;
            }

            if (node is not YamlScalarNode)
            {
                throw Error(node, field ?? key, "must be text.");
            }

            var text = Scalar(node).Trim();
            if (text.Length == 0 || text.Length > maxLength)
            {
                throw Error(node, field ?? key, $"must be 1 to {maxLength} characters.");
            }

            return text;
        }

        public int RequiredInt(YamlMappingNode map, string key) =>
            OptionalInt(map, key) ?? throw Error(map, key, "is required for an async system.");

        public int? OptionalInt(YamlMappingNode map, string key)
        {
            if (Find(map, key) is not { } node)
            {
                return null;
            }

            return int.TryParse(Scalar(node), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error(node, key, $"must be a whole number of seconds, not '{Scalar(node)}'.");
        }

        public List<T> List<T>(YamlMappingNode map, string key, Func<YamlMappingNode, T> parse)
        {
            if (Find(map, key) is not { } node)
            {
                return [];
            }

            if (node is not YamlSequenceNode sequence)
            {
                throw Error(node, key, "must be a list.");
            }

            return sequence.Children
                .Select(item => item is YamlMappingNode entry ? parse(entry) : throw Error(item, key, "every entry must be a mapping."))
                .ToList();
        }
    }
}
