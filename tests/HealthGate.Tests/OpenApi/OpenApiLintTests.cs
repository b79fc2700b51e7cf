using System.Diagnostics;
using System.Text.RegularExpressions;

namespace HealthGate.Tests.OpenApi;

/// <summary>
/// The document the running gate serves passes Redocly's recommended lint with no error, with reads open and with
/// reads behind the API key. The linter is the one pinned in tools/openapi-lint (scripts/test.sh runs npm ci there);
/// a missing node or linter fails the test, it never skips it.
/// </summary>
public sealed partial class OpenApiLintTests
{
    private static readonly string LintFolder = RepoRoot.File("tools/openapi-lint");

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TheServedDocumentHasNoLintErrors(bool requireKeyForReads)
    {
        await using var app = HealthGateApplication.With(("Auth:ApiKeys:ops", "lint-test-key-0123456789"), ("Auth:RequireKeyForReads", requireKeyForReads));
        using var client = app.CreateClient();
        using var directory = new TempDirectory();
        var document = Path.Combine(directory.Path, "v1.json");
        await File.WriteAllTextAsync(document, await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative)));

        var (exitCode, output) = await LintAsync(document);

        var summary = ErrorSummary().Match(output);
        Assert.True(exitCode == 0 && !summary.Success, $"redocly lint exited {exitCode}:\n{output}");
        Assert.Contains("Your API description is valid", output, StringComparison.Ordinal);
    }

    private static async Task<(int ExitCode, string Output)> LintAsync(string document)
    {
        var redocly = Path.Combine(LintFolder, "node_modules", "@redocly", "cli", "bin", "cli.js");
        Assert.True(File.Exists(redocly), $"the pinned linter is not installed: run `npm ci` in {LintFolder} (scripts/test.sh does; it needs node and npm)");
        var info = new ProcessStartInfo("node")
        {
            WorkingDirectory = LintFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { redocly, "lint", document, "--config", Path.Combine(LintFolder, "redocly.yaml"), "--format", "stylish" })
        {
            info.ArgumentList.Add(arg);
        }

        info.Environment["NO_COLOR"] = "1";
        info.Environment["REDOCLY_TELEMETRY"] = "off";
        info.Environment["REDOCLY_SUPPRESS_UPDATE_NOTICE"] = "true";
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new InvalidOperationException("node did not start");
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            throw new InvalidOperationException("node is not installed: the OpenAPI lint needs node and npm (scripts/test.sh installs Debian's nodejs and npm)", ex);
        }

        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync();
            var stderr = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, await stdout + await stderr);
        }
    }

    [GeneratedRegex(@"failed with [1-9][0-9]* errors?")]
    private static partial Regex ErrorSummary();
}
