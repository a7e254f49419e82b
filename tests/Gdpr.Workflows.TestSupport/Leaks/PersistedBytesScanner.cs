using System.Buffers;
using System.Buffers.Binary;
using System.Text;

namespace Gdpr.Workflows.TestSupport.Leaks;

/// <summary>One place a raw identifier was found in a persisted file.</summary>
public sealed record LeakHit(string File, long Offset, string Identifier, string Form);

/// <summary>
/// Scans every byte of every file under a directory (SQLite databases with their -wal/-shm files, logs, exports,
/// notifications) for raw identifiers. Each identifier is looked for in the forms a store or serializer could write it:
/// as given, lower and upper case, JSON-escaped (System.Text.Json writes '+' and non-ASCII characters as \uXXXX) and
/// UTF-16 (SQLite can store text as UTF-16). A hit means personal data outlived its request.
/// </summary>
public static class PersistedBytesScanner
{
    /// <summary>Scans <paramref name="directory"/> recursively; returns every hit (empty when nothing leaked).</summary>
    /// <param name="stillHeld">
    /// Data that may stay (other people's identifiers, which nobody asked to erase): an identifier found only inside one
    /// of these (a requester's "pbell@post.example.org" inside a bystander's "ivy.campbell@post.example.org") is that
    /// person's data, not a leak. Every other occurrence still counts.
    /// </param>
    public static IReadOnlyList<LeakHit> Scan(string directory, IEnumerable<string> identifiers, IEnumerable<string>? stillHeld = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(directory);
        var needles = Needles(identifiers, stillHeld);
        var hits = new List<LeakHit>();
        if (!Directory.Exists(directory))
        {
            return hits;
        }

        foreach (var file in Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories))
        {
            hits.AddRange(ScanFile(file, needles));
        }

        return hits;
    }

    /// <summary>Scans one file (read with sharing, so a running SQLite writer does not block the scan).</summary>
    public static IReadOnlyList<LeakHit> ScanFile(string file, IEnumerable<string> identifiers) => ScanFile(file, Needles(identifiers));

    /// <summary>Number of files under <paramref name="directory"/> and their total bytes: a scan reports what it covered.</summary>
    public static (int Files, long Bytes) Coverage(string directory)
    {
        if (!Directory.Exists(directory))
        {
            return (0, 0);
        }

        var files = Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(f => new FileInfo(f)).ToList();
        return (files.Count, files.Sum(f => f.Length));
    }

    private static List<LeakHit> ScanFile(string file, NeedleIndex needles)
    {
        byte[] content;
        try
        {
            using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            content = buffer.ToArray();
        }
        catch (FileNotFoundException)
        {
            return []; // deleted between listing and reading (a checkpointed -wal file): nothing persisted there any more
        }

        return needles.FindFirstUncovered(content).Select(found => new LeakHit(file, found.Offset, found.Needle.Identifier, found.Needle.Form)).ToList();
    }

    private static NeedleIndex Needles(IEnumerable<string> identifiers, IEnumerable<string>? stillHeld = null)
    {
        ArgumentNullException.ThrowIfNull(identifiers);
        var held = (stillHeld ?? []).Where(h => !string.IsNullOrEmpty(h)).Distinct(StringComparer.Ordinal)
            .SelectMany(h => Forms(h).Keys).Distinct(StringComparer.Ordinal)
            .SelectMany(h => new[] { Encoding.UTF8.GetBytes(h), Encoding.Unicode.GetBytes(h) }).ToList();
        var needles = new List<Needle>();
        foreach (var identifier in identifiers.Where(i => !string.IsNullOrWhiteSpace(i)).Distinct(StringComparer.Ordinal))
        {
            foreach (var (text, form) in Forms(identifier))
            {
                foreach (var (bytes, encoding) in new[] { (Encoding.UTF8.GetBytes(text), " (UTF-8)"), (Encoding.Unicode.GetBytes(text), " (UTF-16)") })
                {
                    needles.Add(new Needle(identifier, form + encoding, bytes, Containers(bytes, held)));
                }
            }
        }

        return new NeedleIndex(needles);
    }

    /// <summary>The texts an identifier can be written as, each with the name of its form.</summary>
    private static Dictionary<string, string> Forms(string identifier)
    {
        var forms = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [identifier] = "as given",
        };
        forms.TryAdd(identifier.ToLowerInvariant(), "lower case");
        forms.TryAdd(identifier.ToUpperInvariant(), "upper case");
        forms.TryAdd(System.Text.Json.JsonSerializer.Serialize(identifier)[1..^1], "JSON-escaped");
        return forms;
    }

    /// <summary>Each held text that contains <paramref name="needle"/>, with every offset of the needle inside it.</summary>
    private static List<(byte[] Held, int Offset)> Containers(byte[] needle, List<byte[]> held)
    {
        var containers = new List<(byte[], int)>();
        foreach (var text in held)
        {
            for (var from = 0; from + needle.Length <= text.Length;)
            {
                var at = text.AsSpan(from).IndexOf(needle);
                if (at < 0)
                {
                    break;
                }

                containers.Add((text, from + at));
                from += at + 1;
            }
        }

        return containers;
    }

    /// <param name="Containers">Held texts this needle can appear inside (and where), so such an occurrence is not a hit.</param>
    private sealed record Needle(string Identifier, string Form, byte[] Bytes, List<(byte[] Held, int Offset)> Containers)
    {
        /// <summary>True when the occurrence at <paramref name="at"/> lies inside an occurrence of a held text.</summary>
        public bool IsInsideHeld(ReadOnlySpan<byte> content, int at)
        {
            foreach (var (held, offset) in Containers)
            {
                var start = at - offset;
                if (start >= 0 && content[start..].StartsWith(held))
                {
                    return true;
                }
            }

            return false;
        }
    }

    /// <summary>
    /// Thousands of needles over megabytes: one pass over the bytes, jumping to the bytes a needle can start with,
    /// each such position filtered by its first two bytes (a bitmap) and then looked up by its first four, instead of
    /// one IndexOf per needle.
    /// </summary>
    private sealed class NeedleIndex
    {
        private const int Prefix = 4;
        private readonly bool[] firstTwo = new bool[ushort.MaxValue + 1];
        private readonly SearchValues<byte> firstBytes;
        private readonly Dictionary<uint, List<Needle>> byPrefix = [];
        private readonly List<Needle> shortNeedles = [];

        public NeedleIndex(IReadOnlyList<Needle> needles)
        {
            foreach (var needle in needles)
            {
                if (needle.Bytes.Length < Prefix)
                {
                    shortNeedles.Add(needle);
                    continue;
                }

                firstTwo[BinaryPrimitives.ReadUInt16LittleEndian(needle.Bytes)] = true;
                var key = BinaryPrimitives.ReadUInt32LittleEndian(needle.Bytes);
                if (!byPrefix.TryGetValue(key, out var list))
                {
                    byPrefix[key] = list = [];
                }

                list.Add(needle);
            }

            firstBytes = SearchValues.Create(needles.Where(n => n.Bytes.Length >= Prefix).Select(n => n.Bytes[0]).Distinct().ToArray());
        }

        /// <summary>Each needle found outside the held texts, at its first such offset.</summary>
        public List<(Needle Needle, long Offset)> FindFirstUncovered(byte[] content)
        {
            var found = new Dictionary<Needle, long>(ReferenceEqualityComparer.Instance);
            foreach (var needle in shortNeedles)
            {
                for (var from = 0; from < content.Length;)
                {
                    var at = content.AsSpan(from).IndexOf(needle.Bytes);
                    if (at < 0)
                    {
                        break;
                    }

                    if (!needle.IsInsideHeld(content, from + at))
                    {
                        found[needle] = from + at;
                        break;
                    }

                    from += at + 1;
                }
            }

            var span = content.AsSpan();
            for (var i = 0; i + Prefix <= span.Length; i++)
            {
                // Jump to the next byte that can start a needle (vectorised), then filter by two bytes, then by four.
                var skip = span[i..].IndexOfAny(firstBytes);
                if (skip < 0)
                {
                    break;
                }

                i += skip;
                if (i + Prefix > span.Length)
                {
                    break;
                }

                if (!firstTwo[BinaryPrimitives.ReadUInt16LittleEndian(span[i..])]
                    || !byPrefix.TryGetValue(BinaryPrimitives.ReadUInt32LittleEndian(span[i..]), out var candidates))
                {
                    continue;
                }

                foreach (var needle in candidates)
                {
                    if (!found.ContainsKey(needle) && span[i..].StartsWith(needle.Bytes) && !needle.IsInsideHeld(span, i))
                    {
                        found[needle] = i;
                    }
                }
            }

            return found.Select(p => (p.Key, p.Value)).ToList();
        }
    }
}
