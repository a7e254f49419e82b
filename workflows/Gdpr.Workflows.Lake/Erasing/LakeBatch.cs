using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Lake.Erasing;

/// <summary>One queued request's subject in a batch.</summary>
public sealed record LakeSubject(string RequestId, SubjectIdentifiers Identifiers);

/// <summary>
/// What the batch did for one subject: rows removed and objects rewritten that held them, and why the result cannot
/// be trusted as complete (<see cref="Suspicions"/>: then the task is failed, never answered as a success).
/// </summary>
public sealed record LakeSubjectResult(string RequestId, long RowsRemoved, int ObjectsRewritten, IReadOnlyList<string> Suspicions);

/// <summary>One pass over the lake for a batch: the figures every subject's receipt quotes.</summary>
public sealed record LakeBatchResult(
    string BatchId,
    int ObjectsScanned,
    long BytesScanned,
    int ObjectsRewritten,
    long BytesWritten,
    long RowsRemoved,
    int RowGroups,
    int RowGroupsSkipped,
    int VersionsDeleted,
    int ConflictRetries,
    IReadOnlyList<LakeSubjectResult> Subjects);

/// <summary>A rewritten object failed its check (rows or schema changed beyond the removed rows, or a match is left): nothing of the batch stays written.</summary>
public sealed class LakeVerificationException(string message) : Exception(message);
