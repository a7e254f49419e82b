using Gdpr.Workflows.Cli;
using Gdpr.Workflows.Cli.Infrastructure;

return await GdprCli.RunAsync(args, CliEnvironment.FromProcess());
