using System.Security.Cryptography;
using System.Text;
using Gdpr.Workflows.Erasure.Registry;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Lake.Matching;

/// <summary>
/// Which subjects of a batch a cell names, per identifier column: the subjects' identifiers of the column's kind, hashed
/// as the column is (lower-case hex of the normalised value). Email cells compare case-insensitively (lakes keep them
/// as typed); customer ids, phones and hashes compare exactly. Values never leave this object.
/// </summary>
public sealed class SubjectMatcher
{
    private readonly ColumnKeys[] _columns;

    public SubjectMatcher(IReadOnlyList<LakeIdentifierColumn> columns, IReadOnlyList<SubjectIdentifiers> subjects)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(subjects);
        SubjectCount = subjects.Count;
        _columns = columns.Select(column => new ColumnKeys(column, subjects)).ToArray();
    }

    public int SubjectCount { get; }

    public IReadOnlyList<LakeIdentifierColumn> Columns => _columns.Select(c => c.Column).ToList();

    /// <summary>The subjects whose identifier <paramref name="cell"/> is in column <paramref name="column"/>; empty when none.</summary>
    public ReadOnlySpan<int> Match(int column, ReadOnlySpan<char> cell)
    {
        var keys = _columns[column];
        if (cell.Length == 0 || cell.Length > keys.LongestKey)
        {
            return [];
        }

        if (!keys.CaseInsensitive)
        {
            return keys.Lookup.TryGetValue(cell, out var exact) ? exact : [];
        }

        Span<char> lower = stackalloc char[cell.Length];
        cell.ToLowerInvariant(lower);
        return keys.Lookup.TryGetValue(lower, out var found) ? found : [];
    }

    /// <summary>
    /// False when no subject's value of column <paramref name="column"/> can lie within [min, max] (UTF-8 bytes, unsigned
    /// order, as Parquet statistics of strings are): the row group cannot hold them.
    /// </summary>
    public bool MayContain(int column, ReadOnlySpan<byte> min, ReadOnlySpan<byte> max)
    {
        foreach (var (low, high) in _columns[column].Ranges)
        {
            if (high.AsSpan().SequenceCompareTo(min) >= 0 && low.AsSpan().SequenceCompareTo(max) <= 0)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Like <see cref="MayContain(int, ReadOnlySpan{byte}, ReadOnlySpan{byte})"/> for an integer column.</summary>
    public bool MayContain(int column, long min, long max)
    {
        var keys = _columns[column];
        return keys.Numbers.Count > 0 && keys.Numbers.GetViewBetween(min, max).Count > 0;
    }

    /// <summary>Whether any subject has a value for column <paramref name="column"/> that is a whole number (an INT64 column can match).</summary>
    public bool HasNumbers(int column) => _columns[column].Numbers.Count > 0;

    public static string Hash(LakeIdentifierHash hash, string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        return hash switch
        {
            LakeIdentifierHash.None => value,
            LakeIdentifierHash.Sha256 => Convert.ToHexStringLower(SHA256.HashData(bytes)),
#pragma warning disable CA5350, CA5351 // The lake's columns were hashed with these; we only match them, nothing is protected by them.
            LakeIdentifierHash.Sha1 => Convert.ToHexStringLower(SHA1.HashData(bytes)),
            LakeIdentifierHash.Md5 => Convert.ToHexStringLower(MD5.HashData(bytes)),
#pragma warning restore CA5350, CA5351
            _ => throw new ArgumentOutOfRangeException(nameof(hash)),
        };
    }

    private sealed class ColumnKeys
    {
        public ColumnKeys(LakeIdentifierColumn column, IReadOnlyList<SubjectIdentifiers> subjects)
        {
            Column = column;
            CaseInsensitive = column.Kind == SubjectIdentifierKind.Email && column.Hash == LakeIdentifierHash.None;
            var bySubject = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            for (var i = 0; i < subjects.Count; i++)
            {
                foreach (var identifier in subjects[i].OfKind(column.Kind))
                {
                    var key = Hash(column.Hash, identifier.Value);
                    key = CaseInsensitive ? key.ToLowerInvariant() : key;
                    if (!bySubject.TryGetValue(key, out var list))
                    {
                        bySubject[key] = list = [];
                    }

                    if (!list.Contains(i))
                    {
                        list.Add(i);
                    }
                }
            }

            var dictionary = bySubject.ToDictionary(p => p.Key, p => p.Value.ToArray(), StringComparer.Ordinal);
            Lookup = dictionary.GetAlternateLookup<ReadOnlySpan<char>>();
            LongestKey = dictionary.Keys.Select(k => k.Length).DefaultIfEmpty(0).Max();
            Ranges = dictionary.Keys.Select(Range).ToArray();
            Numbers = new SortedSet<long>(dictionary.Keys.Select(k => long.TryParse(k, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) ? (long?)n : null).OfType<long>());
        }

        public LakeIdentifierColumn Column { get; }

        public bool CaseInsensitive { get; }

        public Dictionary<string, int[]>.AlternateLookup<ReadOnlySpan<char>> Lookup { get; }

        public int LongestKey { get; }

        public (byte[] Low, byte[] High)[] Ranges { get; }

        public SortedSet<long> Numbers { get; }

        /// <summary>
        /// The bytes every stored spelling of the key lies between: the key itself, or for a case-insensitive ASCII key
        /// its upper-case to its lower-case form (each letter's variants sit between those). Non-ASCII: the whole range.
        /// </summary>
        private (byte[] Low, byte[] High) Range(string key)
        {
            if (!CaseInsensitive)
            {
                var exact = Encoding.UTF8.GetBytes(key);
                return (exact, exact);
            }

            return key.All(char.IsAscii)
                ? (Encoding.ASCII.GetBytes(key.ToUpperInvariant()), Encoding.ASCII.GetBytes(key.ToLowerInvariant()))
                : ([], [0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]);
        }
    }
}
