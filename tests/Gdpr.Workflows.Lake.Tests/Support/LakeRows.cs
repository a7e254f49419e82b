using System.Text.Json.Serialization;
using Parquet;
using Parquet.Serialization;
using Parquet.Serialization.Attributes;

namespace Gdpr.Workflows.Lake.Tests.Support;

/// <summary>A shipping address: a nested (struct) field whose email is an identifier column ("shipping.email").</summary>
public sealed class ShippingAddress
{
    [JsonPropertyName("city")]
    public string? City { get; set; }

    [JsonPropertyName("email")]
    public string? Email { get; set; }
}

/// <summary>
/// An order row as Parquet.Net (a managed Parquet implementation independent of the Arrow C++ rewriter) writes it:
/// DateTime as INT96 (Impala, its default), decimal(38,6) as FIXED_LEN_BYTE_ARRAY, a struct and a list.
/// </summary>
public sealed class OrderRow
{
    [JsonPropertyName("customer_id")]
    public string CustomerId { get; set; } = string.Empty;

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    [JsonPropertyName("placed_at")]
    public DateTime PlacedAt { get; set; }

    [JsonPropertyName("amount")]
    [ParquetDecimal(38, 6)]
    public decimal Amount { get; set; }

    [JsonPropertyName("shipping")]
    public ShippingAddress? Shipping { get; set; }

    [JsonPropertyName("tags")]
    public List<string>? Tags { get; set; }

    /// <summary>Every value, for comparing rows read back.</summary>
    public string Fingerprint() =>
        string.Join('|', CustomerId, Email, PlacedAt.ToString("O", System.Globalization.CultureInfo.InvariantCulture), Amount.ToString(System.Globalization.CultureInfo.InvariantCulture),
            Shipping?.City, Shipping?.Email, Tags is null ? "null" : string.Join(',', Tags));
}

/// <summary>Writes and reads the test Parquet files with Parquet.Net.</summary>
public static class LakeRows
{
    public static readonly Dictionary<string, string> Metadata = new() { ["pipeline"] = "orders-export v3", ["owner"] = "commerce-team" };

    /// <summary><paramref name="count"/> orders of customers c-00000.. (sorted), every 10th shipped to a different address.</summary>
    public static List<OrderRow> Orders(int count, int firstCustomer = 0) => Enumerable.Range(firstCustomer, count).Select(i => new OrderRow
    {
        CustomerId = $"c-{i:D5}",
        Email = $"Customer{i}@Example.com",
        PlacedAt = new DateTime(2026, 1, 1, 0, 0, 0, DateTimeKind.Utc).AddMinutes(i * 37).AddTicks(i * 1234),
        Amount = 10.5m + (i * 1.000001m),
        Shipping = i % 3 == 0 ? null : new ShippingAddress { City = $"City {i % 7}", Email = i % 10 == 0 ? $"gift{i}@example.org" : null },
        Tags = i % 4 == 0 ? null : [.. Enumerable.Range(0, i % 4).Select(t => $"tag-{t}")],
    }).ToList();

    public static async Task<byte[]> WriteAsync(IEnumerable<OrderRow> rows, CompressionMethod codec = CompressionMethod.Snappy, int rowGroupSize = 100)
    {
        using var stream = new MemoryStream();
        await ParquetSerializer.SerializeAsync(rows, stream, new ParquetOptions { CompressionMethod = codec, RowGroupSize = rowGroupSize }, Metadata);
        return stream.ToArray();
    }

    public static async Task<List<OrderRow>> ReadAsync(byte[] bytes)
    {
        using var stream = new MemoryStream(bytes);
        return [.. (await ParquetSerializer.DeserializeAsync<OrderRow>(stream)).Data];
    }
}
