using System.Data.Common;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// docker-compose.yml, checked without a Docker engine: it parses, everything it mounts exists, ports and
/// addresses agree between the gate, Prometheus and Grafana, and the gate waits for and uses its dependencies.
/// </summary>
public sealed class DockerComposeTests
{
    private readonly DockerCompose _compose = DockerCompose.Load();

    [Fact]
    public void ComposeRunsTheGateWithPostgresRedisPrometheusAndGrafana()
    {
        Assert.Equal(
            ["grafana", "healthgate", "postgres", "prometheus", "redis"],
            _compose.Services.Select(s => s.Key).Order(StringComparer.Ordinal));
        Assert.Equal(".", (string?)_compose.Service("healthgate")["build"]!["context"]);
        Assert.True(File.Exists(RepoRoot.File((string)_compose.Service("healthgate")["build"]!["dockerfile"]!)));
    }

    [Fact]
    public void EveryMountedFileExistsAndEveryNamedVolumeIsDeclared()
    {
        var declared = _compose.Root["volumes"]?.AsObject().Select(v => v.Key).ToHashSet(StringComparer.Ordinal) ?? [];
        var mounts = _compose.Services.SelectMany(s => _compose.Mounts(s.Key).Select(m => (Service: s.Key, Mount: m))).ToList();
        Assert.NotEmpty(mounts);

        foreach (var (service, mount) in mounts)
        {
            if (mount.IsBind)
            {
                var path = RepoRoot.File(mount.Source);
                Assert.True(File.Exists(path) || Directory.Exists(path), $"{service} mounts {mount.Source}, which is not in the repository");
            }
            else
            {
                Assert.True(declared.Contains(mount.Source), $"{service} uses volume '{mount.Source}', which is not declared");
            }
        }
    }

    [Fact]
    public void TheConfigFileTheGateIsStartedWithIsTheSampleDeskMountedReadOnly()
    {
        var command = _compose.Service("healthgate")["command"]!.AsArray().Select(a => (string)a!).ToList();
        var at = command.IndexOf("--config");
        Assert.True(at >= 0 && at + 1 < command.Count, $"the gate is not started with --config: {string.Join(' ', command)}");

        // A typo in the argument or the mount target leaves the gate without its desk, and it refuses to start.
        var mount = Assert.Single(_compose.Mounts("healthgate"), m => m.Target == command[at + 1]);
        Assert.True(mount.IsBind);
        Assert.Equal(Path.GetFullPath(RepoRoot.File("samples/desk.json")), Path.GetFullPath(RepoRoot.File(mount.Source)));
        Assert.EndsWith(":ro", Assert.Single(_compose.Service("healthgate")["volumes"]!.AsArray(), v => ((string)v!).Contains(mount.Target, StringComparison.Ordinal))!.ToString(), StringComparison.Ordinal);
        Assert.Null(_compose.Service("healthgate")["entrypoint"]);
    }

    [Fact]
    public void GateWaitsForHealthyPostgresAndRedis()
    {
        var dependsOn = _compose.Service("healthgate")["depends_on"]!;

        foreach (var dependency in new[] { "postgres", "redis" })
        {
            Assert.Equal("service_healthy", (string?)dependsOn[dependency]?["condition"]);
            Assert.NotNull(_compose.Service(dependency)["healthcheck"]?["test"]);
        }
    }

    [Fact]
    public void GatePublishesTheImagePortOnLoopbackAtTheCliDefaultAddress()
    {
        var image = ImageFacts.Load();
        var mapping = (string)Assert.Single(_compose.Service("healthgate")["ports"]!.AsArray())!;

        Assert.Equal(image.ListenPort, Assert.Single(_compose.ContainerPorts("healthgate")));
        // The CLI's default --url is http://127.0.0.1:5080 (DESIGN.md).
        Assert.Equal($"127.0.0.1:5080:{image.ListenPort}", mapping);
        Assert.All(_compose.Services.SelectMany(s => s.Value!["ports"]?.AsArray() ?? []), p => Assert.StartsWith("127.0.0.1:", (string?)p, StringComparison.Ordinal));
    }

    [Fact]
    public void PrometheusScrapesTheGateServiceOnItsContainerPortAndLoadsTheRules()
    {
        var mounts = _compose.Mounts("prometheus").ToList();
        var config = Assert.Single(mounts, m => m.Target == "/etc/prometheus/prometheus.yml");
        var prometheus = Yaml.Load(RepoRoot.File(config.Source));
        var job = Assert.Single(prometheus["scrape_configs"]!.AsArray(), j => (string?)j!["job_name"] == "healthgate")!;
        var target = (string)Assert.Single(job["static_configs"]![0]!["targets"]!.AsArray())!;

        Assert.Equal($"healthgate:{ImageFacts.Load().ListenPort}", target);
        foreach (var rules in prometheus["rule_files"]!.AsArray().Select(r => (string)r!))
        {
            var mount = Assert.Single(mounts, m => m.Target == $"/etc/prometheus/{rules}");
            Assert.Equal(Path.GetFullPath(RepoRoot.File($"deploy/prometheus/{rules}")), Path.GetFullPath(RepoRoot.File(mount.Source)));
        }
    }

    [Fact]
    public void GrafanaReachesPrometheusAndLoadsTheDashboardFromWhereItIsMounted()
    {
        var mounts = _compose.Mounts("grafana").ToList();
        var datasources = Assert.Single(mounts, m => m.Target == "/etc/grafana/provisioning/datasources");
        var dashboards = Assert.Single(mounts, m => m.Target == "/etc/grafana/provisioning/dashboards");
        var datasource = Yaml.Load(Path.Combine(RepoRoot.File(datasources.Source), "prometheus.yml"))["datasources"]![0]!;
        var provider = Yaml.Load(Path.Combine(RepoRoot.File(dashboards.Source), "healthgate.yml"))["providers"]![0]!;

        Assert.Equal($"http://prometheus:{Assert.Single(_compose.ContainerPorts("prometheus"))}", (string?)datasource["url"]);
        var folder = Assert.Single(mounts, m => m.Target == (string?)provider["options"]!["path"]);
        Assert.True(File.Exists(Path.Combine(RepoRoot.File(folder.Source), Path.GetFileName(GrafanaDashboard.File))), "the provider's folder does not hold the dashboard");
    }

    [Fact]
    public void GateUsesTheComposePostgresAsItsStoreAndChecksTheComposeServices()
    {
        var env = _compose.Environment("healthgate");
        var postgres = _compose.Environment("postgres");
        var store = new DbConnectionStringBuilder { ConnectionString = env["HealthGate__Storage__ConnectionString"] };

        Assert.Equal("postgres", env["HealthGate__Storage__Provider"]);
        Assert.Equal("postgres", store["Host"]);
        Assert.Equal(postgres["POSTGRES_USER"], store["Username"]);
        Assert.Equal(postgres["POSTGRES_PASSWORD"], store["Password"]);
        Assert.Equal(postgres["POSTGRES_DB"], store["Database"]);
        Assert.Equal("postgres", new DbConnectionStringBuilder { ConnectionString = env["HealthGate__Checks__postgres__ConnectionString"] }["Host"]);
        Assert.StartsWith("redis:6379", env["HealthGate__Checks__redis__ConnectionString"], StringComparison.Ordinal);
    }
}
