using System.Diagnostics;
using System.Globalization;

namespace Gdpr.Workflows.Benchmarks.Stores;

/// <summary>Latencies of one operation, in milliseconds.</summary>
internal sealed class Percentiles(string name)
{
    private readonly List<double> _milliseconds = [];

    public string Name { get; } = name;

    public int Count => _milliseconds.Count;

    public double P50 => At(0.50);

    public double P99 => At(0.99);

    public double Max => _milliseconds.Count == 0 ? double.NaN : _milliseconds.Max();

    public static async Task<Percentiles> MeasureAsync(string name, int warmup, int samples, Func<int, Task> operation)
    {
        for (var i = 0; i < warmup; i++)
        {
            await operation(-1 - i);
        }

        var result = new Percentiles(name);
        for (var i = 0; i < samples; i++)
        {
            var start = Stopwatch.GetTimestamp();
            await operation(i);
            result._milliseconds.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        return result;
    }

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Name,-32} p50 {P50,8:F3} ms   p99 {P99,8:F3} ms   max {Max,8:F3} ms   ({Count} samples)");

    private double At(double quantile)
    {
        if (_milliseconds.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _milliseconds.Order().ToList();
        return sorted[(int)Math.Min(sorted.Count - 1, Math.Ceiling(quantile * sorted.Count) - 1)];
    }
}
