namespace HealthGate.Deploy.Tests;

/// <summary>deploy/k8s: the manifests parse, and probes, ports, selectors and annotations agree with each other and the image.</summary>
public sealed class KubernetesManifestTests
{
    private readonly KubernetesManifests _k8s = KubernetesManifests.Load();

    [Fact]
    public void EveryManifestIsAKubernetesObjectInTheHealthgateNamespace()
    {
        var ns = _k8s.One("Namespace");
        var name = (string)ns["metadata"]!["name"]!;

        Assert.Equal(
            ["Certificate", "ConfigMap", "Deployment", "Issuer", "Namespace", "PodDisruptionBudget", "Secret", "Service", "ValidatingWebhookConfiguration"],
            _k8s.All.Select(m => m.Kind).Order(StringComparer.Ordinal));
        foreach (var manifest in _k8s.All)
        {
            Assert.False(string.IsNullOrEmpty((string?)manifest.Object["apiVersion"]), $"{manifest.File}: no apiVersion");
            Assert.False(string.IsNullOrEmpty(manifest.Name), $"{manifest.File}: no metadata.name");
            // Cluster-scoped kinds have no namespace.
            if (manifest.Kind is not ("Namespace" or "ValidatingWebhookConfiguration"))
            {
                Assert.Equal(name, (string?)manifest.Object["metadata"]!["namespace"]);
            }
        }
    }

    [Fact]
    public void DeploymentRunsTwoReplicasOfItsOwnPods()
    {
        Assert.Equal(2, (int)_k8s.Deployment["spec"]!["replicas"]!);
        Assert.True(_k8s.SelectsPods(_k8s.Deployment["spec"]!["selector"]!["matchLabels"]), "the Deployment's selector does not match its pod labels");
    }

    [Fact]
    public void ProbesUseTheHealthEndpointsOnTheContainerPort()
    {
        var container = _k8s.Container;
        var port = Assert.Single(container["ports"]!.AsArray(), p => (string?)p!["name"] == "http");

        foreach (var (probe, path) in new[] { ("startupProbe", "/health/live"), ("livenessProbe", "/health/live"), ("readinessProbe", "/health/self") })
        {
            var get = container[probe]?["httpGet"] ?? throw new Xunit.Sdk.XunitException($"no {probe}.httpGet");
            Assert.Equal(path, (string?)get["path"]);
            Assert.Equal((long)port!["containerPort"]!, _k8s.ContainerPort(get["port"]!));
            Assert.Equal("HTTP", (string?)get["scheme"] ?? "HTTP");
        }
    }

    [Fact]
    public void ProbeTimingIsSensible()
    {
        var container = _k8s.Container;
        foreach (var name in new[] { "startupProbe", "livenessProbe", "readinessProbe" })
        {
            var probe = container[name]!;
            Assert.True((int)probe["timeoutSeconds"]! < (int)probe["periodSeconds"]!, $"{name}: the timeout must be shorter than the period");
        }

        var startup = container["startupProbe"]!;
        Assert.True((int)startup["periodSeconds"]! * (int)startup["failureThreshold"]! >= 30, "a start gets at least 30 s");

        // Liveness restarts the pod: it must tolerate a few slow answers, not one.
        var liveness = container["livenessProbe"]!;
        Assert.True((int)liveness["periodSeconds"]! * (int)liveness["failureThreshold"]! >= 20, "liveness must tolerate 20 s of failures");

        // /health/self reads what the service keeps in memory (the readiness loop, the store's latest write); probing
        // faster than the readiness period only re-reads the same answer.
        var period = (int)_k8s.Appsettings["HealthGate"]!["Readiness"]!["PeriodSeconds"]!;
        Assert.InRange((int)container["readinessProbe"]!["periodSeconds"]!, 1, period);
    }

    [Fact]
    public void ServiceTargetsTheContainerPortOfTheDeploymentPods()
    {
        var service = _k8s.One("Service");
        var port = Assert.Single(service["spec"]!["ports"]!.AsArray(), p => (string?)p!["name"] == "http");

        Assert.True(_k8s.SelectsPods(service["spec"]!["selector"]), "the Service's selector does not match the pod labels");
        Assert.Equal((long)_k8s.Container["ports"]![0]!["containerPort"]!, _k8s.ContainerPort(port!["targetPort"]!));
    }

    [Fact]
    public void ContainerPortIsThePortTheImageListensOnAndExposes()
    {
        var image = ImageFacts.Load();

        Assert.Equal(image.ExposedPort, (long)_k8s.Container["ports"]![0]!["containerPort"]!);
        Assert.Equal(image.ListenPort, (long)_k8s.Container["ports"]![0]!["containerPort"]!);
    }

    [Fact]
    public void DisruptionBudgetSelectsTheDeploymentPodsAndKeepsOneRunning()
    {
        var pdb = _k8s.One("PodDisruptionBudget")["spec"]!;

        Assert.True(_k8s.SelectsPods(pdb["selector"]!["matchLabels"]), "the PodDisruptionBudget selects no pod of the Deployment");
        Assert.Equal(
            _k8s.Deployment["spec"]!["selector"]!["matchLabels"]!.ToJsonString(),
            pdb["selector"]!["matchLabels"]!.ToJsonString());
        Assert.InRange((int)pdb["minAvailable"]!, 1, (int)_k8s.Deployment["spec"]!["replicas"]! - 1);
    }

    [Fact]
    public void ScrapeAnnotationsPointPrometheusAtTheMetricsEndpoint()
    {
        var annotations = _k8s.Deployment["spec"]!["template"]!["metadata"]!["annotations"]!;

        Assert.Equal("true", (string?)annotations["prometheus.io/scrape"]);
        Assert.Equal("/metrics", (string?)annotations["prometheus.io/path"]);
        Assert.Equal(_k8s.Container["ports"]![0]!["containerPort"]!.ToString(), (string?)annotations["prometheus.io/port"]);

        // The Kubernetes scrape example keeps pods by the name label the Deployment gives them.
        var job = Yaml.Load(RepoRoot.File("deploy/prometheus/prometheus-kubernetes.yml"))["scrape_configs"]![0]!;
        var keep = Assert.Single(job["relabel_configs"]!.AsArray(), r => r!["source_labels"]![0]!.ToString() == "__meta_kubernetes_pod_label_app_kubernetes_io_name");
        Assert.Equal((string?)_k8s.PodLabels["app.kubernetes.io/name"], (string?)keep!["regex"]);
    }

    [Fact]
    public void KustomizationListsEveryManifestButTheExampleSecret()
    {
        var resources = Yaml.Load(RepoRoot.File($"{KubernetesManifests.Folder}/kustomization.yaml"))["resources"]!.AsArray().Select(r => (string)r!).ToList();

        Assert.All(resources, r => Assert.True(File.Exists(RepoRoot.File($"{KubernetesManifests.Folder}/{r}")), $"{r} does not exist"));
        Assert.Equal(
            _k8s.All.Where(m => m.Kind != "Secret").Select(m => m.File).Distinct().Order(StringComparer.Ordinal),
            resources.Order(StringComparer.Ordinal));
    }
}
