using Gdpr.Workflows.Cli.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace Gdpr.Workflows.Cli.Http;

/// <summary>
/// What <c>gdpr serve</c> mounts on its web app besides the JSON API: add one line per mount here (e.g. the console's
/// <c>app =&gt; app.MapConsole(...)</c>, the Step Functions API's <c>POST /</c>). See <see cref="ApiHost"/> for the rules.
/// </summary>
public static class ServeMounts
{
    /// <summary>Services the mounts need, registered before the app is built.</summary>
    public static IReadOnlyList<Action<IServiceCollection>> Services() => [services => services.AddSingleton<ConsoleMount>()];

    /// <summary>The mounts, mapped after the API's routes.</summary>
    public static IReadOnlyList<Action<WebApplication>> For() => [app => app.Services.GetRequiredService<ConsoleMount>().Map(app), StepFunctionsMount.Map];
}
