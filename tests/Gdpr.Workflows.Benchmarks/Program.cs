using Gdpr.Workflows.Benchmarks;

return await Subcommands.RunAsync(args);
