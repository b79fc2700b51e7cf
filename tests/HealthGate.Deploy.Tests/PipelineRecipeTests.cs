using System.Diagnostics;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// docs/pipelines.md's recipes (deploy/pipelines) against a running gate, for each verdict: the CI jobs' preflight
/// scripts run with bash and the built healthgate CLI; the Argo Rollouts AnalysisTemplate's URL, JSONPath and
/// success condition are evaluated (<see cref="ArgoWebMetric"/>) on the gate's real /preflight answer; Flagger's
/// pre-rollout command runs as the load tester would run it.
/// </summary>
public sealed partial class PipelineRecipeTests(RecipeGate gate) : IClassFixture<RecipeGate>
{
    private const string Folder = "deploy/pipelines";

    private static readonly string ServiceUrl = GateServiceUrl();

    [Theory]
    [InlineData("PASS", 0, null)]
    [InlineData("P2_WARN", 0, "::warning title=HealthGate::live is a GO with warnings (P2_WARN)")]
    [InlineData("P1_FAIL", 2, "::error title=HealthGate::live is NO-GO (exit 2)")]
    [InlineData("P0_FAIL", 1, "::error title=HealthGate::live is NO-GO (exit 1)")]
    public async Task TheGitHubActionsJobGoesOnOnlyOnAGoAndUploadsTheReportWhatever(string verdict, int exitCode, string? annotation)
    {
        var job = Assert.Single(Yaml.Load(RepoRoot.File($"{Folder}/github-actions.yml"))["jobs"]!.AsObject()).Value!;
        var steps = job["steps"]!.AsArray().ToList();
        var preflight = Assert.Single(steps, s => ((string?)s!["run"])?.Contains("healthgate preflight", StringComparison.Ordinal) == true)!;
        var upload = Assert.Single(steps, s => ((string?)s!["uses"])?.StartsWith("actions/upload-artifact@", StringComparison.Ordinal) == true)!;
        var deploy = Assert.Single(steps, s => ((string?)s!["run"])?.StartsWith("kubectl apply", StringComparison.Ordinal) == true)!;
        Assert.True(steps.IndexOf(preflight) < steps.IndexOf(deploy), "the deploy runs after the preflight, in the same job");
        Assert.Equal("always()", (string?)upload["if"]);
        Assert.DoesNotContain("${{", (string)preflight["run"]!, StringComparison.Ordinal);
        gate.Make(verdict);

        var (code, output, reports) = await RunAsync((string)preflight["run"]!, job["env"]!.AsObject());

        Assert.True(exitCode == code, $"exit {code}, expected {exitCode}:\n{output}");
        AssertAnnotation(annotation, output);
        Assert.Equal(ReportDir((string)preflight["run"]!), ((string)upload["with"]!["path"]!).TrimEnd('/'));
        Assert.Single(reports);
    }

    [Theory]
    [InlineData("PASS", 0)]
    [InlineData("P2_WARN", 0)]
    [InlineData("P1_FAIL", 2)]
    [InlineData("P0_FAIL", 1)]
    public async Task TheGitLabJobGoesOnOnlyOnAGoAndKeepsTheReportWhatever(string verdict, int exitCode)
    {
        var job = Yaml.Load(RepoRoot.File($"{Folder}/gitlab-ci.yml"))["deploy-live"]!;
        var script = job["script"]!.AsArray().Select(s => (string)s!).ToList();
        var preflight = Assert.Single(script, s => s.Contains("healthgate preflight", StringComparison.Ordinal));
        Assert.True(script.IndexOf(preflight) < script.FindIndex(s => s.StartsWith("kubectl apply", StringComparison.Ordinal)), "the deploy runs after the preflight, in the same job");
        Assert.Equal("always", (string?)job["artifacts"]!["when"]);
        gate.Make(verdict);

        var (code, output, reports) = await RunAsync(preflight, job["variables"]!.AsObject());

        Assert.True(exitCode == code, $"exit {code}, expected {exitCode}:\n{output}");
        Assert.Equal(ReportDir(preflight), ((string)Assert.Single(job["artifacts"]!["paths"]!.AsArray())!).TrimEnd('/'));
        Assert.Single(reports);
    }

    [Theory]
    [InlineData("PASS", 200, ArgoWebMetric.Successful)]
    [InlineData("P2_WARN", 200, ArgoWebMetric.Successful)]
    [InlineData("P1_FAIL", 503, ArgoWebMetric.Error)]
    [InlineData("P0_FAIL", 503, ArgoWebMetric.Error)]
    public async Task TheArgoAnalysisSucceedsOnAGoAndEndsInErrorOnANoGo(string verdict, int status, string analysis)
    {
        var template = Yaml.Load(RepoRoot.File($"{Folder}/argo-analysistemplate.yaml"));
        Assert.Equal(("argoproj.io/v1alpha1", "AnalysisTemplate"), ((string?)template["apiVersion"], (string?)template["kind"]));
        var metric = Assert.Single(template["spec"]!["metrics"]!.AsArray())!;
        var url = ArgoWebMetric.Url(template, metric);
        Assert.StartsWith(ServiceUrl + "/preflight?mode=", url, StringComparison.Ordinal);
        gate.Make(verdict);

        using var client = new HttpClient();
        using var answer = await client.GetAsync(new Uri(gate.Url + url[ServiceUrl.Length..]));
        var body = await answer.Content.ReadAsStringAsync();

        Assert.Equal(status, (int)answer.StatusCode);
        Assert.Equal(verdict, JsonDocument.Parse(body).RootElement.GetProperty("verdict").GetString());
        Assert.Equal(analysis, ArgoWebMetric.Analysis(metric, ArgoWebMetric.Measure(metric, (int)answer.StatusCode, body)));
    }

    [Fact]
    public void TheArgoConditionWouldFailANoGoEvenIfItCameWith200()
    {
        // Defence in depth: were a NO-GO ever answered 200, the success condition still refuses it.
        var metric = Yaml.Load(RepoRoot.File($"{Folder}/argo-analysistemplate.yaml"))["spec"]!["metrics"]![0]!;

        Assert.Equal(ArgoWebMetric.Failed, ArgoWebMetric.Measure(metric, 200, """{"verdict":"P1_FAIL","exitCode":2}"""));
        Assert.Equal(ArgoWebMetric.Failed, ArgoWebMetric.Measure(metric, 200, """{"verdict":"pass"}"""));
    }

    [Theory]
    [InlineData("PASS", true)]
    [InlineData("P2_WARN", true)]
    [InlineData("P1_FAIL", false)]
    [InlineData("P0_FAIL", false)]
    public async Task TheFlaggerPreRolloutHookPassesOnAGoAndFailsOnANoGo(string verdict, bool passes)
    {
        var canary = Yaml.Load(RepoRoot.File($"{Folder}/flagger-canary.yaml"));
        var hook = Assert.Single(canary["spec"]!["analysis"]!["webhooks"]!.AsArray())!;
        Assert.Equal("pre-rollout", (string?)hook["type"]);
        Assert.Equal("bash", (string?)hook["metadata"]!["type"]);
        var command = (string)hook["metadata"]!["cmd"]!;
        Assert.Contains($"'{ServiceUrl}/preflight?mode=live'", command, StringComparison.Ordinal);
        gate.Make(verdict);

        // The load tester runs the command with bash and answers 2xx (the hook passes) only when it exits 0.
        var (code, output) = await BashAsync(command.Replace(ServiceUrl, gate.Url, StringComparison.Ordinal), new Dictionary<string, string>(), Path.GetTempPath());

        Assert.True(passes == (code == 0), $"exit {code}:\n{output}");
    }

    [Theory]
    [InlineData("github-actions.yml")]
    [InlineData("gitlab-ci.yml")]
    [InlineData("argo-analysistemplate.yaml")]
    [InlineData("flagger-canary.yaml")]
    public void TheDocQuotesEachTestedRecipeWhole(string file)
    {
        var doc = File.ReadAllText(RepoRoot.File("docs/pipelines.md"));
        var recipe = File.ReadAllText(RepoRoot.File($"{Folder}/{file}")).TrimEnd('\n');

        Assert.Contains($"`{Folder}/{file}`:\n\n```yaml\n{recipe}\n```", doc, StringComparison.Ordinal);
    }

    private static void AssertAnnotation(string? expected, string output)
    {
        if (expected is null)
        {
            Assert.DoesNotContain("::warning", output, StringComparison.Ordinal);
            Assert.DoesNotContain("::error", output, StringComparison.Ordinal);
        }
        else
        {
            Assert.Contains(expected, output, StringComparison.Ordinal);
        }
    }

    /// <summary>Runs a recipe's preflight script as the CI runner would, with the built CLI as <c>healthgate</c> on the PATH.</summary>
    private async Task<(int Code, string Output, string[] Reports)> RunAsync(string script, JsonObject variables)
    {
        using var directory = new TempDirectory();
        var bin = Directory.CreateDirectory(Path.Combine(directory.Path, "bin")).FullName;
        var wrapper = Path.Combine(bin, "healthgate");
        await File.WriteAllTextAsync(wrapper, $"#!/bin/sh\nexec '{DotnetHost.Path}' '{Path.Combine(AppContext.BaseDirectory, "healthgate.dll")}' \"$@\"\n");
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserExecute);
        }
        var environment = variables.ToDictionary(v => v.Key, v => (string)v.Value!);
        Assert.Equal(ServiceUrl, environment["HEALTHGATE_URL"]);
        environment["HEALTHGATE_URL"] = gate.Url;
        environment["PATH"] = bin + ":" + Environment.GetEnvironmentVariable("PATH");

        var (code, output) = await BashAsync(script, environment, directory.Path);

        var reports = Path.Combine(directory.Path, ReportDir(script));
        return (code, output, Directory.Exists(reports) ? Directory.GetFiles(reports, "PREFLIGHT_LIVE_*.md") : []);
    }

    private static async Task<(int Code, string Output)> BashAsync(string script, IReadOnlyDictionary<string, string> environment, string directory)
    {
        // GitHub Actions runs a step as `bash --noprofile --norc -eo pipefail`; GitLab's bash also stops at a failure.
        var info = new ProcessStartInfo("bash") { WorkingDirectory = directory, UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true };
        foreach (var arg in new[] { "--noprofile", "--norc", "-eo", "pipefail", "-c", script })
        {
            info.ArgumentList.Add(arg);
        }

        foreach (var key in info.Environment.Keys.Where(k => k.StartsWith("HEALTHGATE", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            info.Environment.Remove(key);
        }

        foreach (var (key, value) in environment)
        {
            info.Environment[key] = value;
        }

        using var process = Process.Start(info)!;
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    private static string ReportDir(string script) => ReportDirArgument().Match(script) is { Success: true } m ? m.Groups[1].Value.TrimEnd('/') : throw new InvalidDataException("no --report-dir");

    /// <summary>http://SERVICE.NAMESPACE.svc, the gate's Service in deploy/k8s on its plain http port 80.</summary>
    private static string GateServiceUrl()
    {
        var service = KubernetesManifests.Load().One("Service");
        Assert.Contains(service["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == "http" && (int)p["port"]! == 80);
        return $"http://{service["metadata"]!["name"]}.{service["metadata"]!["namespace"]}.svc";
    }

    [GeneratedRegex(@"--report-dir\s+(\S+)")]
    private static partial Regex ReportDirArgument();
}
