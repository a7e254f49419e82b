using System.Text;
using Gdpr.Workflows.TestSupport.Leaks;

namespace Gdpr.Workflows.Reliability.Tests.Leaks;

/// <summary>The leak scanner the reliability report and the end-to-end suite trust: it must find, and not cry wolf.</summary>
public sealed class PersistedBytesScannerTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "scanner-" + Guid.NewGuid().ToString("N"));

    public PersistedBytesScannerTests() => Directory.CreateDirectory(directory);

    public void Dispose() => Directory.Delete(directory, recursive: true);

    [Theory]
    [InlineData("pbell@post.example.org")]
    [InlineData("PBELL@POST.EXAMPLE.ORG")]
    public void Scan_IdentifierInAnyCase_Found(string written)
    {
        File.WriteAllText(Path.Combine(directory, "a.db"), "row:" + written + ";");

        var hits = PersistedBytesScanner.Scan(directory, ["pbell@post.example.org"]);

        hits.Should().ContainSingle().Which.Offset.Should().Be(4);
    }

    [Fact]
    public void Scan_PhoneJsonEscapedAndUtf16_BothFound()
    {
        File.WriteAllText(Path.Combine(directory, "log.jsonl"), """{"phone":"\u002B442920180587"}""");
        File.WriteAllBytes(Path.Combine(directory, "utf16.db"), Encoding.Unicode.GetBytes("x+442920180587x"));

        var hits = PersistedBytesScanner.Scan(directory, ["+442920180587"]);

        hits.Select(h => Path.GetFileName(h.File)).Should().BeEquivalentTo(["log.jsonl", "utf16.db"]);
    }

    [Fact]
    public void Scan_OnlyInsideABystandersIdentifier_NotAHit()
    {
        // SQLite stores a row's columns back to back: the requester's email is the tail of a bystander's.
        File.WriteAllText(Path.Combine(directory, "crm.db"), "C-000044Ivy Campbellivy.campbell@post.example.org+442920180587");

        var hits = PersistedBytesScanner.Scan(directory, ["pbell@post.example.org"], stillHeld: ["ivy.campbell@post.example.org"]);

        hits.Should().BeEmpty();
    }

    [Fact]
    public void Scan_AlsoOutsideTheBystandersIdentifier_StillAHit()
    {
        File.WriteAllText(Path.Combine(directory, "crm.db"), "ivy.campbell@post.example.org|C-000007Peter Bellpbell@post.example.org");

        var hits = PersistedBytesScanner.Scan(directory, ["pbell@post.example.org"], stillHeld: ["ivy.campbell@post.example.org"]);

        hits.Should().ContainSingle().Which.Offset.Should().Be("ivy.campbell@post.example.org|C-000007Peter Bell".Length);
    }
}
