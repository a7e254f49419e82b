using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Gdpr.Workflows.Benchmarks.ColdStart;

/// <summary>
/// Publishes a function three times into artifacts/coldstart/&lt;Name&gt;/: Native AOT for this machine (what the
/// Makefile deploys, as <c>bootstrap</c>), framework-dependent IL precompiled ReadyToRun for this machine (the best a
/// JIT deployment does, the baseline) and plain framework-dependent IL; both IL builds run by <c>dotnet &lt;dll&gt;</c>.
/// </summary>
internal static class FunctionPublisher
{
    public static string HostRid => RuntimeInformation.OSArchitecture switch
    {
        Architecture.X64 => "linux-x64",
        Architecture.Arm64 => "linux-arm64",
        var other => throw new BenchmarkSetupException($"no Lambda architecture matches this machine's {other}"),
    };

    public static async Task<FunctionLaunches> PrepareAsync(string repositoryRoot, FunctionProject function, bool publish)
    {
        var output = Path.Combine(repositoryRoot, "artifacts", "coldstart", function.Name);
        var aotDirectory = Path.Combine(output, FunctionLaunch.Aot);
        var readyToRunDirectory = Path.Combine(output, FunctionLaunch.ReadyToRun);
        var jitDirectory = Path.Combine(output, FunctionLaunch.Jit);
        if (publish)
        {
            // The project sets PublishAot; a global -p:PublishAot=true would also switch the AOT analyzers on in every referenced library.
            await DotnetPublishAsync(function, aotDirectory, "-r", HostRid);
            await DotnetPublishAsync(function, readyToRunDirectory, "-p:PublishAot=false", "-p:PublishReadyToRun=true", "-r", HostRid, "--self-contained", "false");
            await DotnetPublishAsync(function, jitDirectory, "-p:PublishAot=false", "--self-contained", "false");
        }

        var binary = Path.Combine(aotDirectory, function.AssemblyName);
        var readyToRunDll = Path.Combine(readyToRunDirectory, function.AssemblyName + ".dll");
        var dll = Path.Combine(jitDirectory, function.AssemblyName + ".dll");
        foreach (var required in new[] { binary, readyToRunDll, dll })
        {
            if (!File.Exists(required))
            {
                throw new BenchmarkSetupException($"{required} is missing; run without --no-publish");
            }
        }

        return new FunctionLaunches(
            new FunctionLaunch(FunctionLaunch.Aot, binary, [], new FileInfo(binary).Length),
            new FunctionLaunch(FunctionLaunch.ReadyToRun, "dotnet", [readyToRunDll], AppFilesSize(readyToRunDirectory)),
            new FunctionLaunch(FunctionLaunch.Jit, "dotnet", [dll], AppFilesSize(jitDirectory)));
    }

    private static long AppFilesSize(string directory) =>
        new DirectoryInfo(directory).EnumerateFiles("*", SearchOption.AllDirectories)
            .Where(file => file.Extension is not (".pdb" or ".dbg"))
            .Sum(file => file.Length);

    private static async Task DotnetPublishAsync(FunctionProject function, string outputDirectory, params string[] options)
    {
        Console.WriteLine($"publishing {function.Name} ({Path.GetFileName(outputDirectory)}) ...");
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { "publish", function.ProjectPath, "-c", "Release", "-o", outputDirectory, "--nologo" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var option in options)
        {
            start.ArgumentList.Add(option);
        }

        using var process = Process.Start(start) ?? throw new BenchmarkSetupException("cannot start dotnet");
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            var lines = ((await stdout) + (await stderr)).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(15);
            throw new BenchmarkSetupException(
                $"dotnet publish of {function.Name} failed ({string.Join(' ', options)}):{Environment.NewLine}{string.Join(Environment.NewLine, lines)}");
        }
    }
}
