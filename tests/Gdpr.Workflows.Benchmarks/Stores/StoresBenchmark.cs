using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Erasure.Vault;
using Gdpr.Workflows.Stores.Sqlite;

namespace Gdpr.Workflows.Benchmarks.Stores;

/// <summary>
/// `stores`: fills the SQLite stores with N requests (5 systems, 10 audit events each) through the bulk path,
/// then measures the reads the officers' screens make and the write rate of whole request lifecycles, with the shipped
/// configuration (<see cref="SqliteStoreOptions"/> defaults: a 32 MiB page cache per connection). The reads run twice:
/// warm (right after the fill) and cold (the OS page cache dropped through /proc/sys/vm/drop_caches where the process
/// may write it; otherwise new connections with empty SQLite caches on a file larger than the cache, the OS cache
/// still warm, and the line says so). The last line is `stores p99 ms: status A, queue B, subject C, day D` (warm);
/// the line before it `stores cold p99 ms: ...`.
/// </summary>
internal static class StoresBenchmark
{
    public const string OptionsHelp = "--requests N: requests to fill, default 1000000; --samples S: timed calls per read, default 2000; --file PATH: keep the database there (reused when it already holds N requests)";

    private const int BatchRequests = 2000;
    private const int Lifecycles = 1000;

    public static async Task<int> RunAsync(string[] args)
    {
        if (!TryParse(args, out var requests, out var samples, out var file))
        {
            await Console.Error.WriteLineAsync($"error: stores takes {OptionsHelp}");
            return Subcommands.UsageError;
        }

        var temporary = file is null;
        var path = file ?? Path.Combine(Path.GetTempPath(), $"gdpr-stores-bench-{Guid.NewGuid():N}", "stores.db");
        try
        {
            await RunAsync(path, requests, samples);
            return 0;
        }
        finally
        {
            if (temporary)
            {
                Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
                Directory.Delete(Path.GetDirectoryName(path)!, recursive: true);
            }
        }
    }

    private static async Task RunAsync(string path, int requests, int samples)
    {
        var data = new StoresDataSet(requests);
        var shipped = new SqliteStoreOptions();
        List<Percentiles> warm;
        using (var stores = SqliteStores.Open(path, shipped))
        {
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"stores benchmark: {requests:N0} requests x {StoresDataSet.Systems} systems x {StoresDataSet.EventsPerRequest} audit events, SQLite at {path}, shipped options (cache {shipped.CacheSizeKiB / 1024} MiB per connection)"));

            var existing = await CountRequestsAsync(stores, data);
            if (existing == requests)
            {
                Console.WriteLine("fill: reusing the file, it already holds every request");
            }
            else
            {
                Fill(stores, data, existing);
            }

            warm = await MeasureReadsAsync(stores, data, requests, samples, warmup: true);
            Console.WriteLine();
            Console.WriteLine("warm (right after the fill):");
            foreach (var read in warm)
            {
                Console.WriteLine(read);
            }

            await MeasureLifecyclesAsync(stores, data);
            stores.Database.CheckpointTruncate();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"database size: {stores.Database.SizeInBytes() / (1024.0 * 1024):F0} MiB ({stores.Database.SizeInBytes() / (double)(requests + Lifecycles):F0} bytes per request with its events)"));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var how = DropOsPageCache();
        List<Percentiles> cold;
        using (var stores = SqliteStores.Open(path, shipped))
        {
            cold = await MeasureReadsAsync(stores, data, requests, samples, warmup: false);
        }

        Console.WriteLine();
        Console.WriteLine($"cold ({how}; no warm-up):");
        foreach (var read in cold)
        {
            Console.WriteLine(read);
        }

        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stores cold p99 ms: status {cold[0].P99:F2}, queue {cold[1].P99:F2}, subject {cold[2].P99:F2}, day {cold[3].P99:F2}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"stores p99 ms: status {warm[0].P99:F2}, queue {warm[1].P99:F2}, subject {warm[2].P99:F2}, day {warm[3].P99:F2}"));
    }

    /// <summary>The four reads of the officers' screens; the same seed each time, so warm and cold read the same keys.</summary>
    private static async Task<List<Percentiles>> MeasureReadsAsync(SqliteStores stores, StoresDataSet data, int requests, int samples, bool warmup)
    {
        var random = new Random(42);
        int Warmup(int count) => warmup ? count : 0;
        return
        [
            await Percentiles.MeasureAsync("status by id", Warmup(500), samples, async _ =>
                Expect(await stores.Requests.GetAsync(StoresDataSet.RequestId(random.Next(requests))) is not null, "a stored request")),
            await Percentiles.MeasureAsync("overdue queue, first page (50)", Warmup(200), samples, async _ =>
                Expect((await stores.Requests.QueryOpenByDeadlineAsync(50)).Items.Count > 0 || requests < 10, "open requests")),
            await Percentiles.MeasureAsync("history by subject hash", Warmup(500), samples, async _ =>
                Expect((await stores.Audit.QueryBySubjectHashAsync(StoresDataSet.SubjectHash(random.Next(requests)), 100)).Items.Count == 3, "three events per subject")),
            await Percentiles.MeasureAsync("history of one day, first page (100)", Warmup(200), samples, async _ =>
            {
                var day = data.DayOf(random.Next(requests));
                Expect((await stores.Audit.QueryByDaysAsync(day, day, null, 100)).Items.Count > 0, "events that day");
            }),
        ];
    }

    /// <summary>Drops the OS page cache (clean pages only, after a sync) when this process may; says what it did.</summary>
    private static string DropOsPageCache()
    {
        try
        {
            using (var sync = Process.Start(new ProcessStartInfo("sync") { UseShellExecute = false }))
            {
                sync?.WaitForExit();
            }

            File.WriteAllText("/proc/sys/vm/drop_caches", "1\n");
            return "OS page cache dropped via /proc/sys/vm/drop_caches, new connections";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.ComponentModel.Win32Exception)
        {
            return $"OS page cache NOT dropped ({e.GetType().Name}: {e.Message.Trim()}): new connections with empty SQLite caches, the file larger than their cache";
        }
    }

    /// <summary>How many of the data set's requests the file holds already (they are written in order).</summary>
    private static async Task<int> CountRequestsAsync(SqliteStores stores, StoresDataSet data)
    {
        if (await stores.Requests.GetAsync(StoresDataSet.RequestId(0)) is null)
        {
            return 0;
        }

        var (low, high) = (0, data.Requests - 1);
        while (low < high)
        {
            var middle = (low + high + 1) / 2;
            (low, high) = await stores.Requests.GetAsync(StoresDataSet.RequestId(middle)) is null ? (low, middle - 1) : (middle, high);
        }

        return low + 1;
    }

    /// <summary>One transaction per batch; the next batch's events are hashed on another core while this one is written.</summary>
    internal static void Fill(SqliteStores stores, StoresDataSet data, int from)
    {
        using var batches = new BlockingCollection<(List<ErasureRequest> Requests, List<AuditEvent> Events)>(boundedCapacity: 4);
        var producer = Task.Run(() =>
        {
            try
            {
                for (var start = from; start < data.Requests; start += BatchRequests)
                {
                    var end = Math.Min(data.Requests, start + BatchRequests);
                    var requests = new List<ErasureRequest>(end - start);
                    var events = new List<AuditEvent>((end - start) * StoresDataSet.EventsPerRequest);
                    for (var i = start; i < end; i++)
                    {
                        requests.Add(data.Request(i));
                        events.AddRange(data.Events(i));
                    }

                    batches.Add((requests, events));
                }
            }
            finally
            {
                batches.CompleteAdding();
            }
        });

        var clock = Stopwatch.StartNew();
        var written = 0;
        var nextReport = 100_000;
        foreach (var (requests, events) in batches.GetConsumingEnumerable())
        {
            var (created, appended) = stores.ImportBatch(requests, events);
            Expect(created.All(c => c.Outcome == CreateRequestOutcome.Created) && appended.All(a => a.Status == AuditAppendStatus.Appended), "a clean fill");
            written += requests.Count;
            if (written >= nextReport)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  filled {from + written:N0} requests, {written / clock.Elapsed.TotalSeconds:N0} requests/s"));
                nextReport += 100_000;
            }
        }

        producer.GetAwaiter().GetResult();
        stores.Database.Optimize();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"fill: {written:N0} requests and {written * StoresDataSet.EventsPerRequest:N0} events in {clock.Elapsed.TotalSeconds:F0} s ({written / clock.Elapsed.TotalSeconds:N0} requests/s, {written * StoresDataSet.EventsPerRequest / clock.Elapsed.TotalSeconds:N0} events/s)"));
    }

    /// <summary>
    /// Whole lifecycles, each write its own transaction as in production: create the request, seal the subject,
    /// store and take a task token, ten ledger appends (read head, check key, conditional append), two status
    /// changes, shred.
    /// </summary>
    private static async Task MeasureLifecyclesAsync(SqliteStores stores, StoresDataSet data)
    {
        var ledger = new AuditLedger(stores.Audit, TimeProvider.System);

        // A reused file holds the lifecycles of earlier runs: start after them.
        var first = data.Requests;
        while (await stores.Requests.GetAsync(StoresDataSet.RequestId(first)) is not null)
        {
            first += Lifecycles;
        }

        var writes = 0;
        var clock = Stopwatch.StartNew();
        for (var k = 0; k < Lifecycles; k++)
        {
            var i = first + k;
            var request = data.Request(i) with { Status = RequestStatus.Received, Systems = [] };
            Expect((await stores.Requests.CreateAsync(request)).Outcome == CreateRequestOutcome.Created, "a new request");
            var record = new SealedSubjectRecord(1, RandomNumberGenerator.GetBytes(12), RandomNumberGenerator.GetBytes(96), RandomNumberGenerator.GetBytes(16), DateTimeOffset.UtcNow);
            await stores.Vault.TryPutAsync(request.RequestId, record, new WrappedDataKey("local:bench", RandomNumberGenerator.GetBytes(61)));
            await stores.TaskTokens.PutAsync(new TaskTokenRecord(request.RequestId, TaskTokenPurposes.IdentityVerification, "token-" + i, "arn:bench", DateTimeOffset.UtcNow, null));
            await stores.TaskTokens.TakeAsync(request.RequestId, TaskTokenPurposes.IdentityVerification);
            foreach (var e in data.Events(i))
            {
                await ledger.AppendAsync(request.RequestId, new AuditEventDraft(e.Type, e.Actor) { System = e.System, SubjectHash = e.SubjectHash, Details = e.Details, IdempotencyKey = e.IdempotencyKey });
            }

            var stored = request;
            foreach (var status in new[] { RequestStatus.InProgress, RequestStatus.Completed })
            {
                var next = stored with { Version = stored.Version + 1, Status = status, UpdatedAt = DateTimeOffset.UtcNow };
                Expect(await stores.Requests.TryReplaceAsync(next, stored.Version), "an uncontended replace");
                stored = next;
            }

            await stores.Vault.DeleteKeyAsync(request.RequestId);
            writes += 1 + 1 + 2 + StoresDataSet.EventsPerRequest + 2 + 1;
        }

        var seconds = clock.Elapsed.TotalSeconds;
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"request lifecycle (create, seal, token, 10 audit appends, 2 status changes, shred): {Lifecycles / seconds:N0} lifecycles/s, {seconds * 1000 / Lifecycles:F2} ms each, {writes / seconds:N0} write transactions/s"));
    }

    private static void Expect(bool condition, string what)
    {
        if (!condition)
        {
            throw new BenchmarkSetupException($"the stores benchmark expected {what}");
        }
    }

    private static bool TryParse(string[] args, out int requests, out int samples, out string? file)
    {
        (requests, samples, file) = (1_000_000, 2000, null);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--requests" when int.TryParse(value, NumberStyles.AllowThousands, CultureInfo.InvariantCulture, out var n) && n > 0:
                    requests = n;
                    break;
                case "--samples" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var s) && s > 0:
                    samples = s;
                    break;
                case "--file" when !string.IsNullOrWhiteSpace(value):
                    file = value;
                    break;
                default:
                    return false;
            }

            i++;
        }

        return true;
    }
}
