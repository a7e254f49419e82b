using System.Globalization;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Subjects;

namespace Gdpr.Workflows.Samples.Marketing;

/// <summary>A row of a mailing-list import (a CSV from a campaign tool, a trade show, ...).</summary>
public sealed record ContactImportRow(string Email, string? FirstName, string? Phone, string Source);

/// <summary>
/// What an import did: rows added, rows already on the list, rows refused because the person asked to be erased
/// (their keyed hash is on the suppression list), and rows whose email address is not valid.
/// </summary>
public sealed record ImportReport(int Imported, int AlreadyListed, int Suppressed, int Invalid);

/// <summary>
/// The marketing mailing list (SQLite). Erasing a subject deletes their contact and puts a keyed hash of each of their
/// email addresses and phone numbers on the suppression list, so that a later import (a re-bought list, an old export)
/// cannot add them back: <see cref="ImportAsync"/> refuses those rows. The hash uses the list's own secret key, so the
/// suppression list reveals no address to anyone without it.
/// </summary>
public sealed class MarketingList : SampleDatabase, IErasureConnector, ISampleSystem
{
    public const string SystemName = "marketing";

    private readonly SubjectHasher _suppressionHasher;
    private readonly PhoneNumberDefaults _phoneDefaults;

    /// <param name="suppressionKey">At least 32 secret bytes for the suppression hashes.</param>
    public MarketingList(string path, ReadOnlySpan<byte> suppressionKey, PhoneNumberDefaults? phoneDefaults = null, int busyTimeoutSeconds = DefaultBusyTimeoutSeconds)
        : base(path, busyTimeoutSeconds)
    {
        _suppressionHasher = new SubjectHasher(suppressionKey);
        _phoneDefaults = phoneDefaults ?? PhoneNumberDefaults.UnitedKingdom;
    }

    public string Name => SystemName;

    protected override string Schema => """
        CREATE TABLE IF NOT EXISTS contacts (
            email TEXT PRIMARY KEY,
            first_name TEXT,
            phone_e164 TEXT,
            source TEXT NOT NULL
        );
        CREATE TABLE IF NOT EXISTS suppression (
            hash TEXT PRIMARY KEY,
            added_on TEXT NOT NULL,
            reason TEXT NOT NULL
        );
        """ + ErasureLog.Schema;

    /// <summary>Adds contacts unless already listed or suppressed; invalid addresses are counted, not stored.</summary>
    public Task<ImportReport> ImportAsync(IEnumerable<ContactImportRow> rows, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (connection, transaction) =>
        {
            int imported = 0, listed = 0, suppressed = 0, invalid = 0;
            foreach (var row in rows)
            {
                SubjectIdentifier email;
                try
                {
                    email = SubjectIdentifier.Email(row.Email);
                }
                catch (InvalidSubjectIdentifierException)
                {
                    invalid++;
                    continue;
                }

                var phone = TryPhone(row.Phone);
                var hashes = phone is null ? [Hash(email)] : new[] { Hash(email), Hash(phone) };
                if (await ScalarAsync(connection, transaction, "SELECT count(*) FROM suppression WHERE hash IN (SELECT value FROM json_each(@hashes))",
                        cancellationToken, ("@hashes", JsonList(hashes))) > 0)
                {
                    suppressed++;
                    continue;
                }

                var added = await ExecuteAsync(connection, transaction, """
                    INSERT INTO contacts (email, first_name, phone_e164, source) VALUES (@email, @name, @phone, @source)
                    ON CONFLICT (email) DO NOTHING
                    """, cancellationToken, ("@email", email.Value), ("@name", row.FirstName), ("@phone", phone?.Value), ("@source", row.Source));
                _ = added == 1 ? imported++ : listed++;
            }

            return new ImportReport(imported, listed, suppressed, invalid);
        }, cancellationToken);

    public Task<ConnectorResult> EraseAsync(ErasureContext context, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(context);
        var keys = SubjectKeys.Of(context.Subject);
        var hashes = context.Subject.Where(i => i.Kind is SubjectIdentifierKind.Email or SubjectIdentifierKind.Phone).Select(Hash).ToList();
        return InTransactionAsync(async (connection, transaction) =>
        {
            if (await ErasureLog.FindAsync(connection, transaction, context.RequestId, cancellationToken) is { } logged)
            {
                return logged;
            }

            var deleted = await ExecuteAsync(connection, transaction, """
                DELETE FROM contacts WHERE email IN (SELECT value FROM json_each(@emails)) OR phone_e164 IN (SELECT value FROM json_each(@phones))
                """, cancellationToken, ("@emails", JsonList(keys.Emails)), ("@phones", JsonList(keys.Phones)));
            var suppressed = 0;
            foreach (var hash in hashes)
            {
                suppressed += await ExecuteAsync(connection, transaction, """
                    INSERT INTO suppression (hash, added_on, reason) VALUES (@hash, @today, 'erasure-request')
                    ON CONFLICT (hash) DO NOTHING
                    """, cancellationToken, ("@hash", hash), ("@today", Iso(context.Today)));
            }

            var reference = string.Create(CultureInfo.InvariantCulture, $"marketing:{context.RequestId}:contacts-deleted={deleted};suppressed={suppressed}");
            var result = new ConnectorResult(deleted > 0 ? ErasureOutcome.Erased : ErasureOutcome.NotHeld, reference);
            await ErasureLog.RecordAsync(connection, transaction, context.RequestId, result, context.Today, cancellationToken);
            return result;
        }, cancellationToken);
    }

    /// <summary>Contacts of the subject (the suppression hashes are not personal data anyone can read back).</summary>
    public Task<int> CountRemainingAsync(SubjectIdentifiers subject, CancellationToken cancellationToken = default)
    {
        var keys = SubjectKeys.Of(subject);
        return InTransactionAsync(async (connection, transaction) => (int)await ScalarAsync(connection, transaction, """
            SELECT count(*) FROM contacts WHERE email IN (SELECT value FROM json_each(@emails)) OR phone_e164 IN (SELECT value FROM json_each(@phones))
            """, cancellationToken, ("@emails", JsonList(keys.Emails)), ("@phones", JsonList(keys.Phones))), cancellationToken);
    }

    /// <summary>Whether the subject's address is on the suppression list.</summary>
    public Task<bool> IsSuppressedAsync(SubjectIdentifier identifier, CancellationToken cancellationToken = default) =>
        InTransactionAsync(async (connection, transaction) =>
            await ScalarAsync(connection, transaction, "SELECT count(*) FROM suppression WHERE hash = @hash", cancellationToken, ("@hash", Hash(identifier))) > 0,
            cancellationToken);

    private string Hash(SubjectIdentifier identifier) => _suppressionHasher.Hash(identifier);

    private SubjectIdentifier? TryPhone(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return null;
        }

        try
        {
            return SubjectIdentifier.Phone(raw, _phoneDefaults);
        }
        catch (InvalidSubjectIdentifierException)
        {
            return null;
        }
    }
}
