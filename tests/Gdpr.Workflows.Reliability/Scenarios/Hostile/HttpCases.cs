using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using CsCheck;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.TestSupport.Hostile;

namespace Gdpr.Workflows.Reliability.Scenarios.Hostile;

/// <summary>
/// Builds the hostile HTTP inputs: every route, every body shape the API must refuse, and the raw identifiers that
/// went into them (for the leak scan afterwards). Valid-looking identifiers carry a unique marker, so a leak is certain.
/// </summary>
public sealed class HttpCases
{
    private static readonly string[] PostRoutes = ["requests", "requests/req-20250101-unknown/cancel", "requests/req-20250101-unknown/verification", "requests/req-20250101-unknown/extension", "tasks/callback"];

    private static readonly string[] UnknownFields = ["colour", "identifier", "Identifiers", "requester_authenticated", "__proto__", "constructor", "$where", "a@b.com", "../x", "channel ", "\u0000"];

    private int marker;

    /// <summary>Raw identifiers that well-formed but refused submissions carried: none may be persisted.</summary>
    public List<string> Identifiers { get; } = [];

    public List<HttpCase> Build(int count)
    {
        var cases = new List<HttpCase>();
        cases.AddRange(Fixed());
        var generated = count - cases.Count;
        cases.AddRange(RefusedIdentifiers(generated * 25 / 100));
        cases.AddRange(SubmissionsWithOneFault(generated * 20 / 100));
        cases.AddRange(Take(HostileGen.Json, generated * 10 / 100).Select(body => Post("random-json", "requests", Caller.Officer, body?.ToJsonString() ?? "null")));
        cases.AddRange(Callbacks(generated * 20 / 100));
        cases.AddRange(Take(Gen.Select(HostileGen.MalformedJson, Gen.Int[0, PostRoutes.Length - 1]), generated * 10 / 100)
            .Select(p => Post("malformed-json", PostRoutes[p.Item2], p.Item2 == 4 ? Caller.AsyncSystem : Caller.Officer, p.Item1)));
        cases.AddRange(InjectedPathsAndQueries(count - cases.Count));
        return cases;
    }

    private static IEnumerable<HttpCase> Fixed()
    {
        // Deep nesting, 10 MB, wrong content types, invalid UTF-8, wrong methods, wrong roles, huge headers.
        foreach (var route in PostRoutes)
        {
            var caller = route == "tasks/callback" ? Caller.AsyncSystem : Caller.Officer;
            yield return Post("nesting-10000-arrays", route, caller, "{\"a\":" + HostileGen.DeeplyNested(10_000) + "}") with { Expected = HttpStatusCode.BadRequest };
            yield return Post("nesting-10000-objects", route, caller, HostileGen.DeeplyNestedObjects(10_000)) with { Expected = HttpStatusCode.BadRequest };
            yield return Post("nesting-20", route, caller, HostileGen.DeeplyNestedObjects(20)) with { Expected = HttpStatusCode.BadRequest };
            yield return Post("body-10MB", route, caller, "{\"a\":\"" + new string('x', 10 * 1024 * 1024) + "\"}") with { Expected = HttpStatusCode.RequestEntityTooLarge };
            yield return new HttpCase("body-10MB-chunked", HttpMethod.Post, route, caller, () => Chunked(10 * 1024 * 1024)) { Expected = HttpStatusCode.RequestEntityTooLarge };
            foreach (var type in new[] { "text/plain", "application/xml", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/json; charset=utf-16", "application/jsonp" })
            {
                yield return new HttpCase("content-type", HttpMethod.Post, route, caller, () => new StringContent("{}", Encoding.UTF8, type.Split(';')[0]) { Headers = { ContentType = System.Net.Http.Headers.MediaTypeHeaderValue.Parse(type) } })
                {
                    Expected = HttpStatusCode.UnsupportedMediaType,
                };
            }

            yield return new HttpCase("no-content-type", HttpMethod.Post, route, caller, () => new ByteArrayContent("{}"u8.ToArray())) { Expected = HttpStatusCode.UnsupportedMediaType };
            yield return new HttpCase("invalid-utf8", HttpMethod.Post, route, caller, () => Json([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xC3, 0x28, 0xFF, 0x22, 0x7D])) { Expected = HttpStatusCode.BadRequest };
            yield return new HttpCase("utf16-body", HttpMethod.Post, route, caller, () => Json(Encoding.Unicode.GetBytes("{\"a\": 1}"))) { Expected = HttpStatusCode.BadRequest };
            yield return Post("no-token", route, Caller.None, "{}") with { Expected = HttpStatusCode.Unauthorized };
            yield return Post("wrong-token", route, Caller.Wrong, "{}") with { Expected = HttpStatusCode.Unauthorized };
            yield return Post("auditor-token", route, Caller.Auditor, "{}") with { Expected = HttpStatusCode.Forbidden };
            yield return new HttpCase("wrong-method", HttpMethod.Put, route, caller, () => Json("{}"u8.ToArray())) { Expected = HttpStatusCode.MethodNotAllowed };
            yield return new HttpCase("wrong-method", HttpMethod.Delete, route, caller, () => null) { Expected = HttpStatusCode.MethodNotAllowed };
        }

        foreach (var (name, value) in new[] { ("X-Junk", new string('j', 100_000)), ("X-Junk", new string('j', 20_000)), ("Cookie", new string('c', 64_000)) })
        {
            // Above the listener's own line limit it answers 400 itself (no JSON); below it the API answers 431.
            yield return value.Length > 32_000
                ? new HttpCase("huge-header", HttpMethod.Get, "requests", Caller.Officer, () => null) { FromListener = true, Customize = r => r.Headers.TryAddWithoutValidation(name, value) }
                : new HttpCase("huge-header", HttpMethod.Get, "requests", Caller.Officer, () => null) { Expected = HttpStatusCode.RequestHeaderFieldsTooLarge, Customize = r => r.Headers.TryAddWithoutValidation(name, value) };
        }

        yield return new HttpCase("many-headers", HttpMethod.Get, "requests", Caller.Officer, () => null)
        {
            Expected = HttpStatusCode.RequestHeaderFieldsTooLarge,
            Customize = r =>
            {
                for (var i = 0; i < 2000; i++)
                {
                    r.Headers.TryAddWithoutValidation($"X-H{i}", "v");
                }
            },
        };
        yield return new HttpCase("huge-authorization", HttpMethod.Get, "requests", Caller.None, () => null)
        {
            Expected = HttpStatusCode.RequestHeaderFieldsTooLarge,
            Customize = r => r.Headers.TryAddWithoutValidation("Authorization", "Bearer " + new string('a', 30_000)),
        };
        yield return new HttpCase("long-url", HttpMethod.Get, "requests/" + new string('r', 20_000), Caller.Officer, () => null) { FromListener = true };
        foreach (var path in new[] { "tasks", "requests", "requests/req-20250101-unknown", "audit/verify?request=req-20250101-unknown", "nothing/here" })
        {
            yield return new HttpCase("no-token", HttpMethod.Get, path, Caller.None, () => null) { Expected = HttpStatusCode.Unauthorized };
        }

        yield return new HttpCase("system-reads-requests", HttpMethod.Get, "requests", Caller.AsyncSystem, () => null) { Expected = HttpStatusCode.Forbidden };
        yield return new HttpCase("system-peeks-other-tasks", HttpMethod.Get, "tasks?system=support-desk", Caller.OtherSystem, () => null) { Expected = HttpStatusCode.Forbidden };
        yield return new HttpCase("auditor-lists-tasks", HttpMethod.Get, "tasks", Caller.Auditor, () => null) { Expected = HttpStatusCode.Forbidden };
    }

    /// <summary>Submissions whose only fault is an identifier the domain refuses (checked here with the same rules).</summary>
    private static IEnumerable<HttpCase> RefusedIdentifiers(int count)
    {
        var candidates = Gen.Frequency(
            (4, HostileGen.Email.Select(v => ("email", (string?)null, v))),
            (2, HostileGen.Phone.Select(v => ("phone", (string?)null, v))),
            (1, HostileGen.FreeIdentifier.Select(v => ("customer_id", (string?)null, v))),
            (1, Gen.Select(HostileGen.Key, HostileGen.FreeIdentifier).Select((k, v) => ("keyed", k, v))),
            (1, Gen.Select(HostileGen.Kind, HostileGen.FreeIdentifier).Select((k, v) => (k, (string?)null, v))));
        return Take(candidates, count * 3)
            .Where(c => IsRefused(c.Item1, c.Item2, c.Item3))
            .Take(count)
            .Select(c => RefusedSubmission(new JsonObject
            {
                ["identifiers"] = new JsonArray(new JsonObject { ["kind"] = c.Item1, ["value"] = c.Item3, ["key"] = c.Item2 }),
                ["channel"] = "web-form",
            }));
    }

    private static HttpCase RefusedSubmission(JsonObject body) =>
        Post("refused-identifier", "requests", Caller.Officer, body.ToJsonString()) with { Expected = HttpStatusCode.BadRequest };

    /// <summary>A valid submission (with a marked identifier) spoiled by one unknown field, wrong type or bad value.</summary>
    private IEnumerable<HttpCase> SubmissionsWithOneFault(int count)
    {
        var faults = Gen.Frequency(
            (3, Gen.Select(Gen.OneOf(UnknownFields), HostileGen.Scalar).Select((f, v) => (Action<JsonObject>)(b => b[f] = v?.DeepClone()))),
            (3, Gen.Select(Gen.OneOf("channel", "requesterAuthenticated", "idempotencyKey", "jurisdiction", "receivedAt", "identifiers"), HostileGen.Json)
                .Where((f, v) => v is not null && (f == "identifiers" ? v is not JsonArray : f == "requesterAuthenticated" ? v is not JsonValue { } b || b.GetValueKind() is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False) : v is not JsonValue s || s.GetValueKind() != System.Text.Json.JsonValueKind.String))
                .Select((f, v) => (Action<JsonObject>)(b => b[f] = v?.DeepClone()))),
            (2, Gen.OneOf<Action<JsonObject>>(
                b => b["receivedAt"] = "2999-01-01", b => b["receivedAt"] = "tomorrow", b => b["receivedAt"] = "2025-02-30", b => b["jurisdiction"] = "US",
                b => b["channel"] = "'; DROP TABLE requests; --", b => b["channel"] = "", b => b["idempotencyKey"] = new string('k', 200), b => b["idempotencyKey"] = "with space",
                b => b["identifiers"] = new JsonArray(), b => b["identifiers"]!.AsArray()[0]!["colour"] = "red", b => b["identifiers"]!.AsArray()[0]!["kind"] = 7,
                b => b["identifiers"]!.AsArray()[0]!.AsObject().Remove("value"), b => b["identifiers"]!.AsArray().Add("not an object"), b => b["identifiers"]!.AsArray().Add(null),
                b => b["identifiers"] = new JsonArray([.. Enumerable.Range(0, 70).Select(i => (JsonNode)new JsonObject { ["kind"] = "customer_id", ["value"] = $"C-{i}" })]))));
        foreach (var fault in Take(faults, count))
        {
            var body = ValidSubmission();
            fault(body);
            yield return Post("one-fault", "requests", Caller.Officer, body.ToJsonString()) with { Expected = HttpStatusCode.BadRequest };
        }
    }

    private static IEnumerable<HttpCase> Callbacks(int count)
    {
        var bodies = Gen.Frequency(
            (3, Gen.Select(Gen.OneOf("erased", "not_held", "retained", "done"), Gen.OneOf<JsonNode?>("T-1", "alice@example.com", "+447700900123", null, 5, new JsonObject { ["reference"] = "r", ["extra"] = 1 }))
                .Select((o, r) => new JsonObject { ["taskToken"] = "unknown-" + Guid.NewGuid().ToString("N"), ["outcome"] = o, ["receipt"] = r?.DeepClone() })),
            (2, Gen.Select(HostileGen.FreeIdentifier, Gen.OneOf(HostileGen.Injections)).Select((t, e) => new JsonObject { ["taskToken"] = t, ["error"] = e })),
            (2, Gen.OneOf(
                new JsonObject(), new JsonObject { ["taskToken"] = 42 }, new JsonObject { ["taskToken"] = "t", ["heartbeat"] = false }, new JsonObject { ["taskToken"] = "t", ["heartbeat"] = "yes" },
                new JsonObject { ["taskToken"] = "t", ["heartbeat"] = true, ["error"] = "E" }, new JsonObject { ["taskToken"] = "t", ["outcome"] = "erased", ["receipt"] = "R", ["error"] = "E" },
                new JsonObject { ["taskToken"] = "t", ["colour"] = "red" }, new JsonObject { ["taskToken"] = new string('t', 5000), ["heartbeat"] = true },
                new JsonObject { ["taskToken"] = "t\r\nX-Injected: 1", ["heartbeat"] = true }, new JsonObject { ["taskToken"] = "../../etc/passwd", ["heartbeat"] = true })),
            (2, HostileGen.Json.Select(j => j as JsonObject ?? new JsonObject { ["taskToken"] = j?.DeepClone() })));
        return Take(bodies, count).Select(b => Post("callback", "tasks/callback", Caller.AsyncSystem, b.ToJsonString()));
    }

    private static bool IsValidPageSize(string text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var size)
        && size is >= 1 and <= Erasure.Ports.IRequestStore.MaxPageSize;

    private static IEnumerable<HttpCase> InjectedPathsAndQueries(int count)
    {
        var text = Gen.Frequency((3, Gen.OneOf(HostileGen.Injections)), (1, HostileGen.Email), (1, Gen.String[Gen.Char, 1, 20]));
        var shapes = Gen.Select(text, Gen.Int[0, 9]).Select((t, shape) =>
        {
            // A segment of dots only is a dot-segment the client resolves away (requests/. is requests/): not hostile input.
            var e = Uri.EscapeDataString(t.Trim('.').Length == 0 ? "x" + t : t);
            return shape switch
            {
                0 => new HttpCase("injected-id", HttpMethod.Get, $"requests/{e}", Caller.Officer, () => null),
                1 => new HttpCase("injected-id", HttpMethod.Get, $"requests/{e}/history", Caller.Auditor, () => null),
                2 => Post("injected-id", $"requests/{e}/cancel", Caller.Officer, "{\"reason\": \"withdrawn\"}"),
                3 => Post("injected-id", $"requests/{e}/extension", Caller.Officer, "{\"months\": 1, \"reason\": \"complex\"}"),
                4 => new HttpCase("injected-query", HttpMethod.Get, $"requests?status={e}", Caller.Officer, () => null),
                // A random string can be a valid page size ("16"): that one is not hostile, so it gets a suffix.
                5 => new HttpCase("injected-query", HttpMethod.Get, $"requests?pageSize={(IsValidPageSize(t) ? e + "x" : e)}", Caller.Officer, () => null),
                6 => new HttpCase("injected-query", HttpMethod.Get, $"audit/verify?request={e}", Caller.Auditor, () => null),
                7 => new HttpCase("injected-query", HttpMethod.Get, $"requests?{e}=1", Caller.Officer, () => null),
                8 => new HttpCase("injected-query", HttpMethod.Get, $"tasks?system={e}", Caller.AsyncSystem, () => null),
                _ => new HttpCase("injected-route", HttpMethod.Get, $"{e}/requests", Caller.Officer, () => null),
            };
        });
        return Take(shapes, count).Select(c => c.Kind == "injected-query" && c.PathAndQuery.StartsWith("requests?status=", StringComparison.Ordinal)
            ? c with { Expected = HttpStatusCode.BadRequest }
            : c.Kind != "injected-query" && c.PathAndQuery.Contains("%00", StringComparison.Ordinal)
                // Kestrel refuses a NUL in the path itself (a bare 400 "invalid request target") before the API sees it.
                ? c with { FromListener = true }
                : c);
    }

    private JsonObject ValidSubmission()
    {
        var n = Interlocked.Increment(ref marker);
        var email = $"hostile-{n.ToString(CultureInfo.InvariantCulture)}@example.com";
        var customer = $"HOSTILE-CID-{n.ToString("D6", CultureInfo.InvariantCulture)}";
        Identifiers.Add(email);
        Identifiers.Add(customer);
        return new JsonObject
        {
            ["identifiers"] = new JsonArray(new JsonObject { ["kind"] = "email", ["value"] = email }, new JsonObject { ["kind"] = "customer_id", ["value"] = customer }),
            ["channel"] = "web-form",
        };
    }

    private static bool IsRefused(string kind, string? key, string value)
    {
        var parsed = kind.Trim().ToLowerInvariant() switch
        {
            "email" => SubjectIdentifierKind.Email,
            "phone" => SubjectIdentifierKind.Phone,
            "customer_id" or "customerid" or "customer-id" => SubjectIdentifierKind.CustomerId,
            "keyed" => SubjectIdentifierKind.Keyed,
            _ => (SubjectIdentifierKind?)null,
        };
        if (parsed is not { } known)
        {
            return true;
        }

        try
        {
            SubjectIdentifier.Create(known, key, value, PhoneNumberDefaults.UnitedKingdom);
            return false;
        }
        catch (InvalidSubjectIdentifierException)
        {
            return true;
        }
    }

    private static HttpCase Post(string kind, string path, Caller caller, string body) =>
        new(kind, HttpMethod.Post, path, caller, () => new StringContent(body, Encoding.UTF8, "application/json"));

    private static ByteArrayContent Json(byte[] bytes)
    {
        var content = new ByteArrayContent(bytes);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    /// <summary>A JSON body of <paramref name="bytes"/> sent without a length (chunked), so only reading it shows its size.</summary>
    private static StreamContent Chunked(int bytes)
    {
        var body = new MemoryStream(Encoding.ASCII.GetBytes("{\"a\":\"" + new string('x', bytes) + "\"}"));
        var content = new StreamContent(new UnseekableStream(body));
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }

    private static List<T> Take<T>(Gen<T> gen, int count)
    {
        var values = new List<T>(Math.Max(count, 0));
        if (count > 0)
        {
            gen.Sample(values.Add, iter: count, threads: 1);
        }

        return values;
    }

    /// <summary>A stream that hides its length, so HttpClient sends it chunked.</summary>
    private sealed class UnseekableStream(Stream inner) : Stream
    {
        public override bool CanRead => true;

        public override bool CanSeek => false;

        public override bool CanWrite => false;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => inner.Read(buffer, offset, count);

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) => inner.ReadAsync(buffer, offset, count, cancellationToken);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) => inner.ReadAsync(buffer, cancellationToken);

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}
