using System.Collections;

namespace Gdpr.Workflows.Erasure.Subjects;

/// <summary>
/// The identifiers of one erasure request's data subject: at least one, no duplicates, in the
/// order first given. Equality is set equality.
/// </summary>
public sealed class SubjectIdentifiers : IReadOnlyList<SubjectIdentifier>, IEquatable<SubjectIdentifiers>
{
    public const int MaxCount = 64;

    private readonly SubjectIdentifier[] _items;

    private SubjectIdentifiers(SubjectIdentifier[] items) => _items = items;

    public int Count => _items.Length;

    public SubjectIdentifier this[int index] => _items[index];

    /// <summary>Collects identifiers, dropping exact duplicates; throws when none or too many are given.</summary>
    public static SubjectIdentifiers Of(params IEnumerable<SubjectIdentifier> identifiers)
    {
        var unique = new List<SubjectIdentifier>();
        var seen = new HashSet<SubjectIdentifier>();
        foreach (var identifier in identifiers)
        {
            ArgumentNullException.ThrowIfNull(identifier, nameof(identifiers));
            if (seen.Add(identifier))
            {
                unique.Add(identifier);
            }
        }

        if (unique.Count == 0)
        {
            throw new ArgumentException("An erasure request needs at least one subject identifier.", nameof(identifiers));
        }

        if (unique.Count > MaxCount)
        {
            throw new ArgumentException($"An erasure request takes at most {MaxCount} subject identifiers.", nameof(identifiers));
        }

        return new SubjectIdentifiers([.. unique]);
    }

    /// <summary>The identifiers of one kind, in order.</summary>
    public IEnumerable<SubjectIdentifier> OfKind(SubjectIdentifierKind kind) => _items.Where(i => i.Kind == kind);

    public IEnumerator<SubjectIdentifier> GetEnumerator() => ((IEnumerable<SubjectIdentifier>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(SubjectIdentifiers? other) =>
        other is not null && other.Count == Count && _items.ToHashSet().SetEquals(other._items);

    public override bool Equals(object? obj) => Equals(obj as SubjectIdentifiers);

    public override int GetHashCode()
    {
        // Order-independent, to match set equality.
        var hash = 0;
        foreach (var item in _items)
        {
            hash ^= item.GetHashCode();
        }

        return hash;
    }

    /// <summary>Kinds only; values are redacted.</summary>
    public override string ToString() => "[" + string.Join(", ", _items.Select(i => i.ToString())) + "]";
}
