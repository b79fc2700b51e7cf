using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using static HealthGate.Testing.TestCertificates;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// deploy/k8s's admission webhook: the ValidatingWebhookConfiguration fails closed, reviews what it should, reaches the
/// gate's Service on its TLS port at the admission path; cert-manager's certificate is injected and mounted where
/// Kestrel reads it; and the Deployment's TLS settings really serve the webhook over HTTPS in a running service.
/// </summary>
public sealed class AdmissionWebhookManifestTests
{
    private const string AdmissionPath = "/admission/v1/validate";

    private readonly KubernetesManifests _k8s = KubernetesManifests.Load();

    private JsonNode Webhook => Assert.Single(_k8s.One("ValidatingWebhookConfiguration")["webhooks"]!.AsArray())!;

    [Fact]
    public void TheWebhookFailsClosedWithinFiveSecondsAndHasNoSideEffects()
    {
        Assert.Equal("admissionregistration.k8s.io/v1", (string?)_k8s.One("ValidatingWebhookConfiguration")["apiVersion"]);
        var webhook = Webhook;

        Assert.Equal("Fail", (string?)webhook["failurePolicy"]);
        Assert.Equal(5, (int)webhook["timeoutSeconds"]!);
        Assert.Equal("None", (string?)webhook["sideEffects"]);
        Assert.Equal(["v1"], webhook["admissionReviewVersions"]!.AsArray().Select(v => (string)v!));
        Assert.Contains(".", (string?)webhook["name"], StringComparison.Ordinal);
    }

    [Fact]
    public void TheWebhookReviewsCreatesAndUpdatesOfDeploymentsAndStatefulSets()
    {
        var rules = Webhook["rules"]!.AsArray();

        var apps = Assert.Single(rules, r => Strings(r!["apiGroups"]).SequenceEqual(["apps"]))!;
        Assert.Equal(["v1"], Strings(apps["apiVersions"]));
        Assert.Equal(["deployments", "statefulsets"], Strings(apps["resources"]).Order(StringComparer.Ordinal));
        Assert.All(rules, r => Assert.Equal(["CREATE", "UPDATE"], Strings(r!["operations"]).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void TheObjectSelectorNamesExactlyTheConfiguredModes()
    {
        var selector = Webhook["objectSelector"]!;
        var expression = Assert.Single(selector["matchExpressions"]!.AsArray())!;
        var modes = _k8s.Appsettings["HealthGate"]!["Modes"]!.AsObject().Select(m => m.Key);

        Assert.Null(selector["matchLabels"]);
        Assert.Equal(("healthgate.io/mode", "In"), ((string?)expression["key"], (string?)expression["operator"]));
        Assert.Equal(modes.Order(StringComparer.Ordinal), Strings(expression["values"]).Order(StringComparer.Ordinal));
    }

    [Fact]
    public void TheWebhookCallsTheGatesServiceOnItsHttpsPortAtTheAdmissionPath()
    {
        var target = Webhook["clientConfig"]!["service"]!;
        var service = _k8s.One("Service");

        Assert.Null(Webhook["clientConfig"]!["url"]);
        Assert.Equal(((string?)service["metadata"]!["name"], (string?)service["metadata"]!["namespace"]), ((string?)target["name"], (string?)target["namespace"]));
        Assert.Equal(AdmissionPath, (string?)target["path"]);
        var port = Assert.Single(service["spec"]!["ports"]!.AsArray(), p => (long)p!["port"]! == (long)target["port"]!)!;
        Assert.Equal(HttpsContainerPort(), _k8s.ContainerPort(port["targetPort"]!));
    }

    [Fact]
    public void CertManagerInjectsTheCaOfTheCertificateTheDeploymentMountsForKestrel()
    {
        var certificate = _k8s.One("Certificate");
        var issuer = _k8s.One("Issuer");
        var service = _k8s.One("Service");
        var annotation = (string?)_k8s.One("ValidatingWebhookConfiguration")["metadata"]!["annotations"]!["cert-manager.io/inject-ca-from"];

        Assert.Equal($"{certificate["metadata"]!["namespace"]}/{certificate["metadata"]!["name"]}", annotation);
        Assert.Equal(((string?)issuer["metadata"]!["name"], "Issuer"), ((string?)certificate["spec"]!["issuerRef"]!["name"], (string?)certificate["spec"]!["issuerRef"]!["kind"]));
        Assert.Contains($"{service["metadata"]!["name"]}.{service["metadata"]!["namespace"]}.svc", Strings(certificate["spec"]!["dnsNames"]));

        var secretName = (string?)certificate["spec"]!["secretName"];
        var volume = Assert.Single(_k8s.PodSpec["volumes"]!.AsArray(), v => (string?)v!["secret"]?["secretName"] == secretName)!;
        var mount = Assert.Single(_k8s.Container["volumeMounts"]!.AsArray(), m => (string?)m!["name"] == (string?)volume["name"])!;
        Assert.True((bool?)mount["readOnly"]);
        // cert-manager writes tls.crt and tls.key into its Secret.
        Assert.Equal($"{mount["mountPath"]}/tls.crt", Env("Kestrel__Certificates__Default__Path"));
        Assert.Equal($"{mount["mountPath"]}/tls.key", Env("Kestrel__Certificates__Default__KeyPath"));
    }

    [Fact]
    public void TheConfigMapStartsTheWebhookInAuditMode()
    {
        Assert.False((bool)_k8s.Appsettings["HealthGate"]!["Admission"]!["Enforce"]!);
    }

    [Fact]
    public async Task TheDeploymentsTlsSettingsServeTheWebhookOverHttpsAndEverythingElseOverHttp()
    {
        using var directory = new TempDirectory();
        using var certificate = SelfSigned("healthgate.healthgate.svc");
        var tls = Directory.CreateDirectory(Path.Combine(directory.Path, "tls")).FullName;
        await File.WriteAllTextAsync(Path.Combine(tls, "tls.crt"), certificate.ExportCertificatePem());
        await File.WriteAllTextAsync(Path.Combine(tls, "tls.key"), KeyPem(certificate));
        var (service, https, http) = await StartLikeTheDeploymentAsync(directory, tls);
        await using var running = service;
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented is not null && presented.RawData.AsSpan().SequenceEqual(certificate.RawData) };
        using var client = new HttpClient(handler) { BaseAddress = https };
        // Kestrel binds the https endpoint after the http one (it loads the certificate first).
        await ProcessRunner.WaitUntilAsync(() => AnswersAsync(client), TimeSpan.FromSeconds(30), "the https endpoint answering");

        using var answer = await client.PostAsJsonAsync(AdmissionPath, JsonNode.Parse("""
            {"kind":"AdmissionReview","apiVersion":"admission.k8s.io/v1","request":{"uid":"tls-1","operation":"CREATE",
             "kind":{"group":"apps","version":"v1","kind":"Deployment"},"namespace":"trading","name":"executor",
             "object":{"metadata":{"labels":{"healthgate.io/mode":"live"}}},"dryRun":false}}
            """));

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var response = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.GetProperty("response");
        Assert.Equal("tls-1", response.GetProperty("uid").GetString());
        Assert.False(response.GetProperty("allowed").GetBoolean());
        Assert.Contains("no live preflight is recorded", response.GetProperty("status").GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal($"http://127.0.0.1:{http.ToString(CultureInfo.InvariantCulture)}/", service.Client.BaseAddress!.ToString());
        Assert.Equal(HttpStatusCode.OK, (await service.Client.GetAsync(new Uri("/health/live", UriKind.Relative))).StatusCode);
    }

    [Fact]
    public async Task ACertificateRenewedInTheMountedSecretIsServedWithoutARestartAndABrokenRenewalIsNot()
    {
        // The kubelet updates a Secret volume by swapping its ..data link: the files the gate was told to read are
        // links whose own times never change, and only the certificate they lead to does.
        using var directory = new TempDirectory();
        using var first = SelfSigned("first.healthgate.healthgate.svc");
        using var second = SelfSigned("second.healthgate.healthgate.svc");
        using var stray = SelfSigned("stray.healthgate.healthgate.svc");
        var volume = new SecretVolume(Path.Combine(directory.Path, "tls"));
        await volume.PublishAsync(first.ExportCertificatePem(), KeyPem(first));
        var (service, https, _) = await StartLikeTheDeploymentAsync(directory, volume.Path);
        await using var running = service;
        await ProcessRunner.WaitUntilAsync(async () => await PresentedAsync(https) == first.Thumbprint, TimeSpan.FromSeconds(30), "the https endpoint presenting the first certificate");

        // A renewal whose key is not its certificate's (a half-written Secret): the gate keeps the certificate it has.
        await volume.PublishAsync(second.ExportCertificatePem(), KeyPem(stray));
        Assert.Equal(first.Thumbprint, await PresentedAsync(https));
        await service.WaitForOutputAsync("\"Id\":8005");

        await volume.PublishAsync(second.ExportCertificatePem(), KeyPem(second));
        await ProcessRunner.WaitUntilAsync(async () => await PresentedAsync(https) == second.Thumbprint, TimeSpan.FromSeconds(30), "the renewed certificate presented on a new connection");
        await service.WaitForOutputAsync("\"Id\":8004");
        Assert.False(service.HasExited);
    }

    /// <summary>Starts the service with the Deployment's Urls and Kestrel settings, its TLS files read from <paramref name="tls"/> and its ports free ones.</summary>
    private async Task<(ServiceProcess Service, Uri Https, int Http)> StartLikeTheDeploymentAsync(TempDirectory directory, string tls)
    {
        var (http, https) = (FreePort.Next(), FreePort.Next());
        var mountPath = Path.GetDirectoryName(Env("Kestrel__Certificates__Default__Path"))!;
        var environment = _k8s.Container["env"]!.AsArray()
            .Where(e => ((string)e!["name"]!).StartsWith("Kestrel__", StringComparison.Ordinal) || (string?)e!["name"] == "Urls")
            .ToDictionary(e => (string)e!["name"]!, e => ((string)e!["value"]!)
                .Replace(mountPath + "/", tls + "/", StringComparison.Ordinal)
                .Replace($":{_k8s.ContainerPort(JsonValue.Create("http"))}", $":{http}", StringComparison.Ordinal)
                .Replace($":{HttpsContainerPort()}", $":{https}", StringComparison.Ordinal));
        var desk = directory.WriteConfig(new { HealthGate = new { Checks = new { disk = TempDirectory.BaselineCheck } } });

        var service = ServiceProcess.Start(new() { LikeTheImage = true, Environment = environment, Arguments = ["--config", desk], WorkingDirectory = directory.Path });
        await service.WaitUntilServingAsync();
        return (service, new Uri($"https://localhost:{https.ToString(CultureInfo.InvariantCulture)}"), http);
    }

    /// <summary>The thumbprint of the certificate the gate presents to a new TLS connection, or null when none completes.</summary>
    private static async Task<string?> PresentedAsync(Uri https)
    {
        string? presented = null;
        using var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) =>
            {
                presented = certificate?.Thumbprint;
                return true;
            },
        };
        using var client = new HttpClient(handler) { BaseAddress = https };
        return await AnswersAsync(client) ? presented : null;
    }

    private static async Task<bool> AnswersAsync(HttpClient client)
    {
        try
        {
            return (await client.GetAsync(new Uri("/health/live", UriKind.Relative))).IsSuccessStatusCode;
        }
        catch (HttpRequestException)
        {
            return false;
        }
    }

    private long HttpsContainerPort() => _k8s.ContainerPort(JsonValue.Create("https"));

    private string Env(string name) =>
        (string)Assert.Single(_k8s.Container["env"]!.AsArray(), e => (string?)e!["name"] == name)!["value"]!;

    private static IEnumerable<string> Strings(JsonNode? list) => list!.AsArray().Select(v => (string)v!);
}
