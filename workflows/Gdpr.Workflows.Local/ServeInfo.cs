using System.Text.Json;

namespace Gdpr.Workflows.Local;

/// <summary>What <c>gdpr serve</c> writes to the data directory (serve.json): where it listens and its process id.</summary>
public sealed record ServeInfo(string Url, int ProcessId)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static ServeInfo? TryRead(GdprHome home)
    {
        try
        {
            return JsonSerializer.Deserialize<ServeInfo>(File.ReadAllText(home.ServeFile), Json);
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Write(GdprHome home) => File.WriteAllText(home.ServeFile, JsonSerializer.Serialize(this, Json));

    public static void Delete(GdprHome home) => File.Delete(home.ServeFile);
}
