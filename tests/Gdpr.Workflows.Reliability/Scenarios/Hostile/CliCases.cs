using CsCheck;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.TestSupport.Hostile;

namespace Gdpr.Workflows.Reliability.Scenarios.Hostile;

/// <summary>Bad command lines for the gdpr tool: each must exit 2 with a message that says what was wrong.</summary>
public static class CliCases
{
    private static readonly string[][] Fixed =
    [
        ["submit"],
        ["submit", "--email"],
        ["submit", "--email", "a@example.com", "--colour", "red"],
        ["submit", "--received", "tomorrow", "--email", "cli-1@example.com"],
        ["submit", "--received", "2999-01-01", "--email", "cli-2@example.com"],
        ["submit", "--customer-id", ""],
        ["submit", "--phone", "+44 (0)20 7946 0958 ext 12"],
        ["submit", "--email", "p\u0430ypal@example.com"],
        ["submit", "--email", "a\u200B@example.com"],
        ["submit", "--email", "'; DROP TABLE requests; --@example.com"],
        ["submit", "--channel", "Web Form", "--email", "cli-3@example.com"],
        ["submit", "--idempotency-key", "has space", "--email", "cli-4@example.com"],
        ["task", "succeed", "some-token", "--outcome", "maybe"],
        ["task", "succeed", "some-token", "--outcome", "retained"],
        ["task", "succeed", "some-token", "--outcome", "retained", "--ground", "z", "--until", "2030-01-01"],
        ["task", "fail", "some-token", "--error", "x", "--cause", "Alice Smith"],
        ["task", "succeed"],
        ["extend", "req-1", "--months", "abc", "--reason", "x"],
        ["list", "--due-within", "soon"],
        ["history", "--from", "yesterday", "--to", "today"],
        ["export", "--format", "xml", "--from", "2025-01-01", "--to", "2025-02-01"],
        ["no-such-command"],
        ["status"],
    ];

    /// <summary><paramref name="count"/> command lines: the fixed ones, then refused emails and phones from the generators.</summary>
    public static List<string[]> Build(int count)
    {
        var cases = Fixed.ToList();
        var refused = new List<string[]>();
        Gen.Frequency((3, HostileGen.Email.Select(v => ("--email", v))), (1, HostileGen.Phone.Select(v => ("--phone", v))))
            .Sample(c =>
            {
                if (refused.Count < count && IsRefused(c.Item1, c.Item2) && !c.Item2.StartsWith('-') && !c.Item2.Contains('\0', StringComparison.Ordinal))
                {
                    refused.Add(["submit", c.Item1, c.Item2]);
                }
            }, iter: count * 4, threads: 1);
        cases.AddRange(refused);
        // Every other run with --json right after the command, so it is never taken as an option's value.
        return cases.Take(count).Select((c, i) => i % 2 == 0 ? c : [c[0], "--json", .. c[1..]]).ToList();
    }

    private static bool IsRefused(string option, string value)
    {
        try
        {
            _ = option == "--email" ? SubjectIdentifier.Email(value) : SubjectIdentifier.Phone(value, PhoneNumberDefaults.UnitedKingdom);
            return false;
        }
        catch (InvalidSubjectIdentifierException)
        {
            return true;
        }
    }
}
