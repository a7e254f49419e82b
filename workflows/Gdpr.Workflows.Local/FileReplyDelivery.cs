using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;

namespace Gdpr.Workflows.Local;

/// <summary>
/// The local reply channel: each reply is written to <c>replies/&lt;requestId&gt;.txt</c> and <c>.html</c> in the data
/// directory (owner-only), where <c>gdpr reply &lt;id&gt;</c> and the console read it. The files hold the reply only, never
/// the address (it holds no identifier of the subject, so it outlives the shredding). A later reply to the same request
/// (after a retention ended, say) replaces the earlier one; the audit trail keeps each one's hash.
/// </summary>
public sealed class FileReplyDelivery(string directory) : IReplyDelivery
{
    public const string Folder = "replies";

    public string Directory { get; } = directory;

    /// <summary>The deliveries of the data directory <paramref name="home"/>.</summary>
    public static FileReplyDelivery In(string home) => new(Path.Combine(home, Folder));

    public string TextFile(string requestId) => Path.Combine(Directory, SafeName(requestId) + ".txt");

    public string HtmlFile(string requestId) => Path.Combine(Directory, SafeName(requestId) + ".html");

    public async Task DeliverAsync(ReplyMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (OperatingSystem.IsWindows())
        {
            System.IO.Directory.CreateDirectory(Directory);
        }
        else
        {
            System.IO.Directory.CreateDirectory(Directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        }

        await WriteAsync(TextFile(message.RequestId), "Subject: " + message.Subject + "\n\n" + message.Text, cancellationToken);
        await WriteAsync(HtmlFile(message.RequestId), message.Html, cancellationToken);
    }

    /// <summary>The text of the reply last delivered for the request, or null.</summary>
    public string? ReadText(string requestId) => File.Exists(TextFile(requestId)) ? File.ReadAllText(TextFile(requestId)) : null;

    private static async Task WriteAsync(string path, string content, CancellationToken cancellationToken)
    {
        // Written whole to a temporary file, then renamed over: a reader never sees half a reply.
        var temporary = path + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        await using (var stream = new FileStream(temporary, options))
        await using (var writer = new StreamWriter(stream))
        {
            await writer.WriteAsync(content.AsMemory(), cancellationToken);
        }

        File.Move(temporary, path, overwrite: true);
    }

    private static string SafeName(string requestId) =>
        requestId.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_') ? requestId : throw new ArgumentException("Not a request id.", nameof(requestId));
}
