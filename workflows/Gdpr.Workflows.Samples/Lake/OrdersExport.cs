using System.Globalization;
using System.Text.Json.Serialization;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Samples.Orders;
using Parquet;
using Parquet.Serialization;
using Parquet.Serialization.Attributes;

namespace Gdpr.Workflows.Samples.Lake;

/// <summary>One row of the orders pipeline's nightly Parquet export, as its writer (Parquet.Net) lays it out.</summary>
public sealed class OrderExportRow
{
    [JsonPropertyName("order_number")]
    public string OrderNumber { get; set; } = string.Empty;

    [JsonPropertyName("customer_id")]
    public string CustomerId { get; set; } = string.Empty;

    [JsonPropertyName("email")]
    public string? Email { get; set; }

    /// <summary>Written as INT96 (Parquet.Net's default for DateTime, as Spark and Impala write it): a rewrite must keep it so.</summary>
    [JsonPropertyName("placed_at")]
    public DateTime PlacedAt { get; set; }

    [JsonPropertyName("total")]
    [ParquetDecimal(18, 2)]
    public decimal Total { get; set; }

    [JsonPropertyName("ship_to_city")]
    public string? ShipToCity { get; set; }
}

/// <summary>
/// The sample lake's orders export (system <c>orders-lake</c> of samples/lake-systems.yaml): every order of the orders
/// database as Snappy Parquet under <c>exports/orders/dt=YYYY-MM-01/part-0.parquet</c>, a partition per month placed.
/// </summary>
public sealed class OrdersExport(string bucketFolder) : ISampleSystem
{
    public const string Prefix = "exports/orders/";

    public string Name => "orders-lake";

    public async Task WriteAsync(IReadOnlyList<OrderRow> orders, CancellationToken cancellationToken = default)
    {
        foreach (var month in orders.GroupBy(o => new DateOnly(o.PlacedOn.Year, o.PlacedOn.Month, 1)).OrderBy(g => g.Key))
        {
            var folder = Path.Combine(bucketFolder, Prefix, "dt=" + month.Key.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(folder);
            var rows = month.OrderBy(o => o.CustomerId, StringComparer.Ordinal).Select(o => new OrderExportRow
            {
                OrderNumber = o.OrderNumber,
                CustomerId = o.CustomerId,
                Email = o.Email,
                PlacedAt = o.PlacedOn.ToDateTime(new TimeOnly(12, 0), DateTimeKind.Utc),
                Total = o.TotalPence / 100m,
                ShipToCity = o.ShippingAddress.Split(',').Last().Trim(),
            });
            await using var file = File.Create(Path.Combine(folder, "part-0.parquet"));
            await ParquetSerializer.SerializeAsync(rows, file, new ParquetOptions { CompressionMethod = CompressionMethod.Snappy }, cancellationToken: cancellationToken);
        }
    }

    /// <summary>Every row of the export, read back by Parquet.Net (not by the eraser's own reader).</summary>
    public async Task<IReadOnlyList<OrderExportRow>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var rows = new List<OrderExportRow>();
        var root = Path.Combine(bucketFolder, Prefix);
        if (!Directory.Exists(root))
        {
            return rows;
        }

        foreach (var path in Directory.EnumerateFiles(root, "*.parquet", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            await using var file = File.OpenRead(path);
            rows.AddRange((await ParquetSerializer.DeserializeAsync<OrderExportRow>(file, cancellationToken: cancellationToken)).Data);
        }

        return rows;
    }

    public async Task<int> CountRemainingAsync(SubjectIdentifiers subject, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(subject);
        var ids = subject.OfKind(SubjectIdentifierKind.CustomerId).Select(i => i.Value).ToHashSet(StringComparer.Ordinal);
        var emails = subject.OfKind(SubjectIdentifierKind.Email).Select(i => i.Value).ToHashSet(StringComparer.OrdinalIgnoreCase);
        return (await ReadAllAsync(cancellationToken)).Count(r => ids.Contains(r.CustomerId) || (r.Email is not null && emails.Contains(r.Email)));
    }
}
