using System.Text.RegularExpressions;
using CsCheck;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Reliability.Tests.Support;
using Gdpr.Workflows.TestSupport.Hostile;

namespace Gdpr.Workflows.Reliability.Tests.Subjects;

/// <summary>
/// Every identifier text either normalises to one canonical form (idempotent, printable, bounded) or is refused with
/// <see cref="InvalidSubjectIdentifierException"/> whose message says why without repeating the value.
/// </summary>
public sealed partial class SubjectIdentifierPropertyTests
{
    [Fact]
    public void Email_AnyText_NormalisesIdempotentlyOrIsRefusedWithAReason() =>
        HostileGen.Email.Sample(raw =>
        {
            var normalised = NormaliseOrExplain(raw, () => SubjectIdentifier.Email(raw));
            if (normalised is null)
            {
                return;
            }

            SubjectIdentifier.Email(normalised).Value.Should().Be(normalised, "normalising twice changes nothing");
            normalised.Length.Should().BeLessThanOrEqualTo(EmailAddressNormalizer.MaxLength);
            normalised.Should().NotContainAny(" ", "\t", "\n", "\r");
            normalised.Should().MatchRegex("@[a-z0-9.-]+$", "the domain is lower-case ASCII (punycode for IDN)");
        }, iter: Properties.Iterations, threads: 1);

    [Fact]
    public void Email_LookAlikeLetters_AreRefused() =>
        HostileGen.Email.Sample(raw =>
        {
            var normalised = NormaliseOrExplain(raw, () => SubjectIdentifier.Email(raw));
            if (normalised is not null)
            {
                var local = normalised[..normalised.IndexOf('@', StringComparison.Ordinal)];
                HostileGen.MixesScripts(local).Should().BeFalse($"a local part mixing Latin with Greek or Cyrillic letters is a homograph (input {Escape(raw)})");
            }
        }, iter: Properties.Iterations, threads: 1);

    [Fact]
    public void Phone_AnyText_IsE164OrRefusedWithAReason() =>
        HostileGen.Phone.Sample(raw =>
        {
            var normalised = NormaliseOrExplain(raw, () => SubjectIdentifier.Phone(raw, PhoneNumberDefaults.UnitedKingdom));
            if (normalised is null)
            {
                return;
            }

            normalised.Should().MatchRegex(E164().ToString());
            SubjectIdentifier.Phone(normalised).Value.Should().Be(normalised, "an E.164 number needs no default country and normalises to itself");
        }, iter: Properties.Iterations, threads: 1);

    [Fact]
    public void CustomerId_AnyText_IsTrimmedPrintableOrRefused() =>
        HostileGen.FreeIdentifier.Sample(raw =>
        {
            var normalised = NormaliseOrExplain(raw, () => SubjectIdentifier.CustomerId(raw));
            if (normalised is null)
            {
                return;
            }

            normalised.Should().Be(normalised.Trim());
            normalised.Length.Should().BeInRange(1, SubjectIdentifier.MaxCustomerIdLength);
            normalised.Any(char.IsControl).Should().BeFalse();
            SubjectIdentifier.CustomerId(normalised).Value.Should().Be(normalised);
        }, iter: Properties.Iterations, threads: 1);

    [Fact]
    public void Keyed_AnyKeyAndValue_IsCanonicalOrRefused() =>
        Gen.Select(HostileGen.Key, HostileGen.FreeIdentifier).Sample((key, raw) =>
        {
            SubjectIdentifier? identifier = null;
            var normalised = NormaliseOrExplain(raw, () => identifier = SubjectIdentifier.Keyed(key, raw));
            if (normalised is null)
            {
                return;
            }

            identifier!.Key.Should().MatchRegex("^[a-z][a-z0-9_.-]{0,63}$");
            new[] { "email", "phone", "customer_id", "customerid", "customer-id", "customer.id" }.Should().NotContain(identifier.Key);
            SubjectIdentifier.Keyed(identifier.Key, normalised).Should().Be(identifier, "normalising twice changes nothing");
        }, iter: Properties.Iterations, threads: 1);

    [Theory]
    [InlineData("d\u0443@example.com")]
    [InlineData("p\u0430ypal@example.com")]
    [InlineData("\u03BFscar@example.com")]
    public void Email_LocalPartMixingScripts_IsRefused(string raw)
    {
        var create = () => SubjectIdentifier.Email(raw);

        create.Should().Throw<InvalidSubjectIdentifierException>().WithMessage("*mixes Latin, Greek or Cyrillic*");
    }

    [Theory]
    [InlineData("\u0434\u043C\u0438\u0442\u0440\u0438\u0439@example.com")]
    [InlineData("m\u00FCller@example.com")]
    public void Email_LocalPartInOneScript_IsAccepted(string raw) =>
        SubjectIdentifier.Email(raw).Value.Should().Be(raw);

    /// <summary>The normalised value, or null after checking that the refusal explains itself without the value.</summary>
    private static string? NormaliseOrExplain(string raw, Func<SubjectIdentifier> normalise)
    {
        try
        {
            return normalise().Value;
        }
        catch (InvalidSubjectIdentifierException refused)
        {
            refused.Message.Should().NotBeNullOrWhiteSpace();
            if (raw.Trim().Length >= 6)
            {
                refused.Message.Should().NotContain(raw.Trim(), "a refusal never repeats the personal data it refused");
            }

            return null;
        }
    }

    private static string Escape(string text) => string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));

    [GeneratedRegex("^\\+[1-9][0-9]{7,14}$")]
    private static partial Regex E164();
}
