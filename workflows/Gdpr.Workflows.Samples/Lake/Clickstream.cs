using System.Globalization;
using System.IO.Compression;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Samples.Seeding;

namespace Gdpr.Workflows.Samples.Lake;

/// <summary>
/// The sample lake's clickstream (system <c>clickstream-lake</c> of samples/lake-systems.yaml): web events as gzipped
/// JSON lines under <c>clickstream/dt=YYYY-MM-DD/events-0.jsonl.gz</c>. A signed-in visitor's events carry
/// <c>user.customer_id</c> and <c>user.email_sha256</c> (the SHA-256 of the normalised email, as the tracking pipeline
/// pseudonymises it); anonymous events carry no user and must survive every erasure byte for byte.
/// </summary>
public sealed class Clickstream(string bucketFolder) : ISampleSystem
{
    public const string Prefix = "clickstream/";

    private static readonly string[] Pages = ["/", "/search?q=boots", "/p/waterproof-jacket", "/basket", "/checkout", "/account/orders"];

    public string Name => "clickstream-lake";

    /// <summary>Three days of events: a few per customer (the first on every day) and anonymous ones between them.</summary>
    public async Task WriteAsync(IReadOnlyList<SampleCustomer> customers, DateOnly lastDay, int seed, CancellationToken cancellationToken = default)
    {
        var random = new Random(seed);
        for (var back = 2; back >= 0; back--)
        {
            var day = lastDay.AddDays(-back);
            var folder = Path.Combine(bucketFolder, Prefix, "dt=" + day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            var lines = new List<string>();
            var start = day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
            for (var i = 0; i < customers.Count; i++)
            {
                var visits = i == 0 ? 2 : random.Next(0, 2);
                for (var v = 0; v < visits; v++)
                {
                    lines.Add(Event(start.AddSeconds(random.Next(86_400)), Pages[random.Next(Pages.Length)], customers[i]));
                    lines.Add(Event(start.AddSeconds(random.Next(86_400)), Pages[random.Next(Pages.Length)], null));
                }
            }

            await using var file = File.Create(Path.Combine(folder, "events-0.jsonl.gz"));
            await using var gzip = new GZipStream(file, CompressionLevel.Optimal);
            await gzip.WriteAsync(Encoding.UTF8.GetBytes(string.Join('\n', lines.Order(StringComparer.Ordinal)) + "\n"), cancellationToken);
        }
    }

    /// <summary>Every event, read back line by line.</summary>
    public async Task<IReadOnlyList<JsonObject>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var events = new List<JsonObject>();
        var root = Path.Combine(bucketFolder, Prefix);
        if (!Directory.Exists(root))
        {
            return events;
        }

        foreach (var path in Directory.EnumerateFiles(root, "*.jsonl.gz", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            await using var file = File.OpenRead(path);
            await using var gzip = new GZipStream(file, CompressionMode.Decompress);
            using var reader = new StreamReader(gzip, Encoding.UTF8);
            while (await reader.ReadLineAsync(cancellationToken) is { } line)
            {
                if (line.Length > 0)
                {
                    events.Add(JsonNode.Parse(line)!.AsObject());
                }
            }
        }

        return events;
    }

    public async Task<int> CountRemainingAsync(SubjectIdentifiers subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var ids = subject.OfKind(SubjectIdentifierKind.CustomerId).Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        var hashes = subject.OfKind(SubjectIdentifierKind.Email).Select(i => EmailHash(i.Value)).ToHashSet(StringComparer.Ordinal);
        return (await ReadAllAsync(cancellationToken)).Count(e => e["user"] is JsonObject user
            && (ids.Contains(user["customer_id"]?.GetValue<string>() ?? string.Empty) || hashes.Contains(user["email_sha256"]?.GetValue<string>() ?? string.Empty)));
    }

    /// <summary>The pipeline's pseudonym: lower-case hex SHA-256 of the normalised (lower-case) email.</summary>
    public static string EmailHash(string email) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(SubjectIdentifier.Email(email).Value)));

    private static string Event(DateTime at, string page, SampleCustomer? customer)
    {
        var line = new JsonObject
        {
            ["ts"] = at.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["event"] = "page_view",
            ["page"] = page,
            ["user"] = customer is null ? null : new JsonObject { ["customer_id"] = customer.CustomerId, ["email_sha256"] = EmailHash(customer.Email) },
        };
        return line.ToJsonString();
    }
}
