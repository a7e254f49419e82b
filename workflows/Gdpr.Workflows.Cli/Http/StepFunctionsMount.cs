using Gdpr.Workflows.Engine.Api;
using Gdpr.Workflows.Local;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// The Step Functions API on <c>gdpr serve</c>'s engine (<c>POST /</c> with <c>X-Amz-Target: AWSStepFunctions.*</c>).
/// Unlike <c>gdpr engine serve</c>, every call must be SigV4-signed: the engine runs the data directory's erasures, and
/// the JSON API lets a system answer only its own tasks. The key is in <see cref="CredentialsFileName"/> in the data
/// directory (the AWS CLI's credentials format, owner-only), created on first run:
/// <c>AWS_SHARED_CREDENTIALS_FILE=$GDPR_HOME/step-functions.credentials aws stepfunctions ... --endpoint-url URL</c>.
/// </summary>
public static class StepFunctionsMount
{
    public const string CredentialsFileName = "step-functions.credentials";
    public const string AccessKeyId = "GDPRLOCALSTEPFUNCTIONS";
    private const string SecretFileName = "step-functions.secret";

    public static void Map(WebApplication app)
    {
        var host = app.Services.GetRequiredService<LocalHost>();
        if (host.Engine is not { } engine)
        {
            return;
        }

        var directory = host.Home.Directory;
        var secret = Convert.ToHexStringLower(SecretFile.ReadOrCreate(Path.Combine(directory, SecretFileName), 32));
        WriteCredentials(Path.Combine(directory, CredentialsFileName), secret);
        var api = new StepFunctionsApi(engine, ApiResources.Load(Path.Combine(directory, "step-functions-api.json")));
        app.MapStepFunctionsApi(api, new SigV4Verifier(new Dictionary<string, string>(StringComparer.Ordinal) { [AccessKeyId] = secret }));
    }

    /// <summary>The key in the AWS CLI's format, rewritten whole from the secret on every start (owner-only).</summary>
    private static void WriteCredentials(string path, string secret)
    {
        var temporary = path + "." + Environment.ProcessId + ".tmp";
        var options = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(temporary, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), options))
        {
            writer.Write($"[default]\naws_access_key_id = {AccessKeyId}\naws_secret_access_key = {secret}\n");
        }

        File.Move(temporary, path, overwrite: true);
    }
}
