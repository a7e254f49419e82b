using System.Collections.Concurrent;
using System.Globalization;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Lake.Formats;
using Gdpr.Workflows.Lake.Matching;
using Gdpr.Workflows.Lake.Storage;

namespace Gdpr.Workflows.Lake.Erasing;

/// <summary>
/// Erases a batch of subjects from one data-lake system in one pass. Find: every object under the prefixes is scanned
/// in parallel (only identifier columns read). Forget: each object holding a match is rewritten without those rows,
/// checked (rows = old − removed, no match left, same schema) and put back only if unchanged since it was read
/// (If-Match; a concurrent writer's change makes us read and rewrite it again). The batch is all or nothing: a failure
/// or a cancellation (checked between objects) undoes every replacement already made, by deleting our new versions
/// (the earlier version becomes current again). Only when every object is replaced are the earlier versions deleted.
/// </summary>
public sealed class LakeEraser
{
    private readonly IObjectStore _store;
    private readonly DataLakeDefinition _lake;
    private readonly ILakeFormat _format;

    public LakeEraser(IObjectStore store, DataLakeDefinition lake)
    {
        _store = store;
        _lake = lake;
        _format = FormatOf(lake);
    }

    /// <summary>Objects scanned at once (default: one per core).</summary>
    public int ScanParallelism { get; init; } = Environment.ProcessorCount;

    /// <summary>How often an object changed by someone else is read and rewritten again before the batch fails.</summary>
    public int MaxConflictRetries { get; init; } = 3;

    public static ILakeFormat FormatOf(DataLakeDefinition lake) => lake.Format switch
    {
        LakeFileFormat.Parquet => new ParquetLakeFormat(),
        LakeFileFormat.JsonLines => new JsonLinesLakeFormat(lake.Compression),
        LakeFileFormat.Csv => new CsvLakeFormat(lake.Compression),
        _ => throw new ArgumentOutOfRangeException(nameof(lake)),
    };

    /// <exception cref="OperationCanceledException">Cancelled: every replacement made was undone.</exception>
    /// <exception cref="LakeVerificationException">A rewrite failed its check: every replacement made was undone.</exception>
    public async Task<LakeBatchResult> EraseAsync(string batchId, IReadOnlyList<LakeSubject> batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var matcher = new SubjectMatcher(_lake.Columns, batch.Select(s => s.Identifiers).ToList());
        var tableSuspicions = new ConcurrentBag<string>();

        var objects = new List<StoredObject>();
        foreach (var prefix in _lake.Prefixes)
        {
            await foreach (var stored in _store.ListAsync(prefix, cancellationToken))
            {
                objects.Add(stored);
            }
        }

        if (objects.Count == 0)
        {
            tableSuspicions.Add("no objects under the prefixes");
        }

        var outside = objects.Count(o => !FollowsLayout(o.Key));
        if (outside > 0)
        {
            tableSuspicions.Add(string.Create(CultureInfo.InvariantCulture, $"{outside} objects outside the partition layout"));
        }

        // Find.
        var scans = new ConcurrentDictionary<string, ObjectScan>(StringComparer.Ordinal);
        long bytesScanned = 0;
        await Parallel.ForEachAsync(objects, new ParallelOptions { MaxDegreeOfParallelism = ScanParallelism, CancellationToken = cancellationToken }, async (stored, ct) =>
        {
            var (scan, read) = await ScanAsync(stored, matcher, ct);
            Interlocked.Add(ref bytesScanned, read);
            if (scan.MissingColumns.Count > 0)
            {
                tableSuspicions.Add($"identifier columns missing from some objects: {string.Join(", ", scan.MissingColumns)}");
            }

            scans[stored.Key] = scan;
        });

        // Forget.
        var replaced = new List<Replacement>();
        var conflicts = 0;
        try
        {
            foreach (var key in scans.Where(p => p.Value.Matches).Select(p => p.Key).Order(StringComparer.Ordinal))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (replacement, retries) = await ReplaceAsync(key, matcher, cancellationToken);
                conflicts += retries;
                if (replacement is not null)
                {
                    replaced.Add(replacement);
                }
            }
        }
        catch (Exception)
        {
            await RollbackAsync(replaced);
            throw;
        }

        // Committed: the earlier versions go, whatever cancellation says now.
        var versionsDeleted = 0;
        foreach (var replacement in replaced)
        {
            versionsDeleted += await _store.DeleteVersionsBeforeAsync(replacement.Key, replacement.New.VersionId, CancellationToken.None);
        }

        var results = new List<LakeSubjectResult>(batch.Count);
        for (var i = 0; i < batch.Count; i++)
        {
            var rows = replaced.Sum(r => r.RowsBySubject.GetValueOrDefault(i));
            var suspicions = tableSuspicions.Distinct().Order(StringComparer.Ordinal).ToList();
            if (_lake.ExpectEverySubject && rows == 0)
            {
                suspicions.Add("the registry expects every subject in this table and none of its rows matched");
            }

            results.Add(new LakeSubjectResult(batch[i].RequestId, rows, replaced.Count(r => r.RowsBySubject.GetValueOrDefault(i) > 0), suspicions));
        }

        return new LakeBatchResult(batchId, objects.Count, bytesScanned, replaced.Count, replaced.Sum(r => r.New.Size), replaced.Sum(r => r.RowsRemoved),
            scans.Values.Sum(s => s.RowGroups), scans.Values.Sum(s => s.RowGroupsSkipped), versionsDeleted, conflicts, results);
    }

    /// <summary>
    /// Scans the object as listed, fetching only what the format decodes; an object changed since the listing is
    /// scanned whole as it is now (its ranges must all come from one version).
    /// </summary>
    private async Task<(ObjectScan Scan, long BytesRead)> ScanAsync(StoredObject stored, SubjectMatcher matcher, CancellationToken cancellationToken)
    {
        try
        {
            return await _format.ScanAsync(stored.Size, (offset, length, ct) => _store.GetRangeAsync(stored, offset, length, ct), matcher, cancellationToken);
        }
        catch (ObjectChangedException)
        {
            var content = await _store.GetAsync(stored.Key, cancellationToken);
            return (_format.Scan(content.Bytes, matcher), content.Bytes.Length);
        }
    }

    /// <summary>Rewrites one object until its conditional write succeeds; null when the rows were already gone.</summary>
    private async Task<(Replacement? Replacement, int Retries)> ReplaceAsync(string key, SubjectMatcher matcher, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var content = await _store.GetAsync(key, cancellationToken);
            var before = _format.Scan(content.Bytes, matcher);
            if (!before.Matches)
            {
                return (null, attempt);
            }

            var rewrite = _format.Rewrite(content.Bytes, matcher);
            Verify(key, content.Bytes, before, rewrite, matcher);
            try
            {
                var written = await _store.ReplaceAsync(key, rewrite.Bytes, content.Stored.ETag, cancellationToken);
                return (new Replacement(key, content.Stored, written, written.VersionId is null ? content.Bytes : null, before.RowsBySubject, rewrite.RowsRemoved), attempt);
            }
            catch (ObjectChangedException) when (attempt < MaxConflictRetries)
            {
                // Someone wrote the object after we read it: read their version and erase from it.
            }
        }
    }

    private void Verify(string key, byte[] old, ObjectScan before, ObjectRewrite rewrite, SubjectMatcher matcher)
    {
        var after = _format.Scan(rewrite.Bytes, matcher);
        if (after.Matches || after.Rows != before.Rows - before.MatchedRows || rewrite.RowsRemoved != before.MatchedRows)
        {
            throw new LakeVerificationException(string.Create(CultureInfo.InvariantCulture,
                $"The rewrite of '{key}' has {after.Rows} rows and {after.MatchedRows} matches; expected {before.Rows - before.MatchedRows} rows and none."));
        }

        if (_format is ParquetLakeFormat && ParquetLakeFormat.SchemaDifference(old, rewrite.Bytes) is { } difference)
        {
            throw new LakeVerificationException($"The rewrite of '{key}' changed its schema: {difference}.");
        }
    }

    /// <summary>Undoes our replacements, newest first: on S3 our version is deleted (the earlier one is current again).</summary>
    private async Task RollbackAsync(List<Replacement> replaced)
    {
        for (var i = replaced.Count - 1; i >= 0; i--)
        {
            var replacement = replaced[i];
            if (replacement.New.VersionId is { } ours)
            {
                await _store.DeleteVersionAsync(replacement.Key, ours, CancellationToken.None);
            }
            else if (replacement.OldBytes is { } old)
            {
                try
                {
                    await _store.ReplaceAsync(replacement.Key, old, replacement.New.ETag, CancellationToken.None);
                }
                catch (ObjectChangedException)
                {
                    // Written again after us: that newer content stands.
                }
            }
        }
    }

    /// <summary>Whether the key's folders below its prefix are the layout's key=value partitions, in order.</summary>
    private bool FollowsLayout(string key)
    {
        var prefix = _lake.Prefixes.FirstOrDefault(p => key.StartsWith(p, StringComparison.Ordinal)) ?? string.Empty;
        var folders = key[prefix.Length..].Split('/')[..^1];
        if (folders.Length != _lake.PartitionKeys.Count)
        {
            return false;
        }

        return folders.Zip(_lake.PartitionKeys).All(pair => pair.First.StartsWith(pair.Second + "=", StringComparison.Ordinal));
    }

    private sealed record Replacement(string Key, StoredObject Old, StoredObject New, byte[]? OldBytes, IReadOnlyDictionary<int, long> RowsBySubject, long RowsRemoved);
}
