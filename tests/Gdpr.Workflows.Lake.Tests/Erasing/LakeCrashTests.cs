using System.Diagnostics;
using System.Globalization;
using Gdpr.Workflows.Lake.Tests.Support;

namespace Gdpr.Workflows.Lake.Tests.Erasing;

/// <summary>
/// SIGKILLs a child process (Gdpr.Workflows.Lake.CrashRewriter) at random moments while it erases customers from Parquet
/// objects, one batch per customer (each batch rewrites every object), on moto_server's S3 and on a local folder. After
/// every kill each object must be readable and hold exactly the original rows less those of some customers the child
/// was asked to erase: the old bytes or a complete new object, never a partial one. A final run to the end erases them all.
/// </summary>
public sealed class LakeCrashTests(S3Lake s3) : IClassFixture<S3Lake>, IDisposable
{
    private const int Objects = 4;
    private const int Customers = 3000;
    private const int Kills = 5;
    private const int PerRun = 15;

    private readonly string _folder = Directory.CreateTempSubdirectory("gdpr-lake-crash-").FullName;
    private readonly Random _random = new(20261205);
    private List<OrderRow> _original = [];

    [Fact]
    public async Task EraseAsync_KilledMidBatchOnS3_LeavesEachObjectOldOrNewNeverPartial()
    {
        var bucket = await s3.NewBucketAsync();
        var bytes = await SeedAsync();
        for (var f = 0; f < Objects; f++)
        {
            await s3.PutAsync(bucket, Key(f), bytes);
        }

        await RunKillsAndFinishAsync(["s3", s3.Client.Config.ServiceURL, bucket], key => s3.GetAsync(bucket, key));
    }

    [Fact]
    public async Task EraseAsync_KilledMidBatchOnAFolder_LeavesEachFileOldOrNewNeverPartial()
    {
        var bytes = await SeedAsync();
        Directory.CreateDirectory(Path.Combine(_folder, "orders"));
        for (var f = 0; f < Objects; f++)
        {
            await File.WriteAllBytesAsync(Path.Combine(_folder, Key(f)), bytes);
        }

        await RunKillsAndFinishAsync(["folder", _folder], key => File.ReadAllBytesAsync(Path.Combine(_folder, key)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private static string Key(int file) => $"orders/part-{file}.parquet";

    private async Task<byte[]> SeedAsync()
    {
        var bytes = await LakeRows.WriteAsync(LakeRows.Orders(Customers), rowGroupSize: 500);
        _original = await LakeRows.ReadAsync(bytes); // as a reader sees them (empty lists read back as null)
        return bytes;
    }

    private async Task RunKillsAndFinishAsync(string[] target, Func<string, Task<byte[]>> read)
    {
        var asked = new HashSet<string>(StringComparer.Ordinal);
        var killedMidBatch = 0;
        var erasedBeforeAKill = false;
        for (var run = 0; run < Kills; run++)
        {
            var first = run * PerRun;
            asked.UnionWith(Enumerable.Range(first, PerRun).Select(i => $"c-{i:D5}"));
            using var child = Start(target, first, PerRun);
            (await child.StandardOutput.ReadLineAsync()).Should().Be("ready", await ErrorsOf(child));
            // After its first batch (so the kill lands among the next one's reads, rewrites and replacements, not at start-up).
            (await child.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromMinutes(2))).Should().StartWith("erased ", await ErrorsOf(child));
            await Task.Delay(_random.Next(0, 400));
            if (!child.HasExited)
            {
                child.Kill(entireProcessTree: true);
                killedMidBatch++;
            }

            await child.WaitForExitAsync();
            var removed = await CheckObjectsAsync(read, asked, mustBeGone: []);
            erasedBeforeAKill |= removed.Any(r => r > 0);
        }

        killedMidBatch.Should().BeGreaterThan(0, "the child must have been killed at least once while erasing");
        erasedBeforeAKill.Should().BeTrue("some objects must have been rewritten before a kill, or the kills prove nothing");
        using var last = Start(target, 0, Kills * PerRun);
        var output = await last.StandardOutput.ReadToEndAsync();
        await last.WaitForExitAsync();
        last.ExitCode.Should().Be(0, await ErrorsOf(last));
        output.Should().EndWith("done\n");
        await CheckObjectsAsync(read, asked, mustBeGone: asked);
    }

    /// <summary>Each object: readable, and the original rows less those of some asked customers (all of <paramref name="mustBeGone"/>).</summary>
    private async Task<List<int>> CheckObjectsAsync(Func<string, Task<byte[]>> read, HashSet<string> asked, HashSet<string> mustBeGone)
    {
        var removedPerObject = new List<int>();
        for (var f = 0; f < Objects; f++)
        {
            var rows = await LakeRows.ReadAsync(await read(Key(f)));
            var kept = rows.Select(r => r.CustomerId).ToHashSet(StringComparer.Ordinal);
            var removed = _original.Select(r => r.CustomerId).Where(id => !kept.Contains(id)).ToHashSet(StringComparer.Ordinal);
            removed.Should().BeSubsetOf(asked, Key(f));
            if (mustBeGone.Count > 0)
            {
                removed.Should().Contain(mustBeGone, Key(f));
            }

            rows.Select(r => r.Fingerprint()).Should().Equal(_original.Where(r => !removed.Contains(r.CustomerId)).Select(r => r.Fingerprint()), Key(f));
            removedPerObject.Add(removed.Count);
        }

        return removedPerObject;
    }

    private static Process Start(string[] target, int first, int count)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Gdpr.Workflows.Lake.CrashRewriter.dll"));
        foreach (var argument in target)
        {
            info.ArgumentList.Add(argument);
        }

        info.ArgumentList.Add(first.ToString(CultureInfo.InvariantCulture));
        info.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        return Process.Start(info)!;
    }

    private static async Task<string> ErrorsOf(Process process) =>
        process.HasExited ? await process.StandardError.ReadToEndAsync() : string.Empty;
}
