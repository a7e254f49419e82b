namespace Gdpr.Workflows.Engine.Api;

/// <summary>
/// Reads the access keys a signature may use from a file in the AWS CLI's credentials format
/// (<c>[profile]</c> sections with <c>aws_access_key_id</c> and <c>aws_secret_access_key</c>).
/// </summary>
public static class CredentialFile
{
    public static IReadOnlyDictionary<string, string> Read(string path)
    {
        var keys = new Dictionary<string, string>(StringComparer.Ordinal);
        string? id = null;
        string? secret = null;
        void Flush()
        {
            if (id is not null && secret is not null)
            {
                keys[id] = secret;
            }

            id = secret = null;
        }

        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('['))
            {
                Flush();
                continue;
            }

            var split = line.IndexOf('=', StringComparison.Ordinal);
            if (split <= 0 || line.StartsWith('#') || line.StartsWith(';'))
            {
                continue;
            }

            var (name, value) = (line[..split].Trim(), line[(split + 1)..].Trim());
            if (name == "aws_access_key_id")
            {
                id = value;
            }
            else if (name == "aws_secret_access_key")
            {
                secret = value;
            }
        }

        Flush();
        return keys.Count > 0 ? keys : throw new InvalidDataException($"{path} holds no aws_access_key_id / aws_secret_access_key pair.");
    }
}
