using Gdpr.Workflows.Conformance.Core;

// Runs the LocalStack-derived ASL corpus against the local engine; see Core/ConformanceProgram.cs.
return await ConformanceProgram.RunAsync(args, new EngineCaseExecutor(), Console.Out, Console.Error);
