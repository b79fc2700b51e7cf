using System.Text.RegularExpressions;

namespace HealthGate.Deploy.Tests;

/// <summary>
/// The Dockerfile: multi-stage SDK to aspnet, non-root, a HEALTHCHECK on /health/live through the probe, and a
/// build context that keeps what it copies. No Docker engine runs here, so the image's commands are also run
/// directly: the ENTRYPOINT with the image's ENV, then the HEALTHCHECK command against it.
/// </summary>
public sealed partial class DockerfileTests
{
    private readonly Dockerfile _dockerfile = Dockerfile.Load(RepoRoot.File("Dockerfile"));
    private readonly ImageFacts _image = ImageFacts.Load();

    [Fact]
    public void BuildsOnTheSdkAndRunsOnTheAspnetRuntime()
    {
        Assert.True(_dockerfile.Stages.Count >= 2, "the Dockerfile is not multi-stage");
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", _dockerfile.Stages[0].Image);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", _dockerfile.Final.Image);

        var earlier = _dockerfile.Stages.SkipLast(1).Select(s => s.Name).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var copies = _dockerfile.Final.All("COPY").Select(Dockerfile.Flags).ToList();
        Assert.NotEmpty(copies);
        Assert.All(copies, c => Assert.Contains(c.Flags.GetValueOrDefault("from") ?? "(the build context)", earlier));
    }

    [Fact]
    public void FinalStageRunsAsANumericNonRootUser()
    {
        Assert.NotEqual(0, _image.UserId);
        Assert.DoesNotContain(_dockerfile.Final.All("USER"), u => u.Split(':')[0] is "root" or "0");
    }

    [Fact]
    public void ExposedPortIsThePortTheServiceListensOn()
    {
        Assert.Equal(_image.ExposedPort, _image.ListenPort);
    }

    [Fact]
    public void HealthcheckRunsTheProbeAgainstLiveOnTheListenPort()
    {
        var (command, probe, url) = (_image.Healthcheck[0], _image.Healthcheck[1], _image.Healthcheck[2]);

        Assert.Equal("dotnet", command);
        Assert.Equal("HealthGate.Probe.dll", Path.GetFileName(probe));
        Assert.Equal($"http://127.0.0.1:{_image.ListenPort}/health/live", url);
        Assert.Matches(@"--interval=\d+s", _image.HealthcheckOptions);
        var timeout = int.Parse(TimeoutPattern().Match(_image.HealthcheckOptions).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(int.Parse(_image.Healthcheck[3], System.Globalization.CultureInfo.InvariantCulture) < timeout, "the probe must give up before Docker kills it");
    }

    [Fact]
    public void EntrypointRunsTheAssemblyTheServiceProjectBuilds()
    {
        // A name the assembly used to have (HealthGate.dll) would start nothing in the image.
        Assert.Equal(["dotnet", Path.GetFileName(ServiceProcess.Assembly)], _image.Entrypoint);
    }

    [Fact]
    public void ServiceAndProbeArePublishedWhereTheEntrypointAndHealthcheckRunThem()
    {
        // RUN dotnet publish X.csproj ... -o DIR, then COPY --from=build DIR DEST in the final stage.
        var published = _dockerfile.Stages.SkipLast(1).SelectMany(s => s.All("RUN"))
            .SelectMany(run => PublishPattern().Matches(run))
            .ToDictionary(m => Path.GetFileNameWithoutExtension(m.Groups["project"].Value), m => m.Groups["output"].Value.TrimEnd('/'), StringComparer.Ordinal);
        var workdir = _image.WorkingDirectory.TrimEnd('/');
        var copied = _dockerfile.Final.All("COPY").Select(Dockerfile.Flags).Where(c => c.Flags.ContainsKey("from"))
            .Select(c => c.Remainder.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            .ToDictionary(words => words[0].TrimEnd('/'), words => Resolve(workdir, words[^1]), StringComparer.Ordinal);

        Assert.Equal(copied[published["HealthGate"]], workdir);
        Assert.Equal(copied[published["HealthGate.Probe"]], Path.GetDirectoryName(_image.Healthcheck[1]));
        Assert.True(File.Exists(RepoRoot.File("src/HealthGate.Probe/HealthGate.Probe.csproj")));
    }

    [Fact]
    public async Task EveryCopiedSourceExistsAndSurvivesTheDockerignore()
    {
        var ignore = DockerIgnore.Load(RepoRoot.File(".dockerignore"));
        var sources = _dockerfile.Stages.SelectMany(s => s.All("COPY")).Select(Dockerfile.Flags).Where(c => !c.Flags.ContainsKey("from"))
            .SelectMany(c => c.Remainder.Split(' ', StringSplitOptions.RemoveEmptyEntries).SkipLast(1))
            .ToList();
        Assert.NotEmpty(sources);

        foreach (var source in sources.Select(s => s.TrimEnd('/')))
        {
            var path = RepoRoot.File(source);
            Assert.True(File.Exists(path) || Directory.Exists(path), $"COPY {source}: not in the repository");
            Assert.False(ignore.Excludes(source), $"COPY {source}: excluded by .dockerignore");

            // The files git tracks, not whatever a local run left behind (build output, a SQLite store).
            var tracked = await Tool.RunAsync("git", ["-C", RepoRoot.Path, "ls-files", "--", source]);
            Assert.True(tracked.ExitCode == 0, tracked.ToString());
            var files = tracked.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(files);
            Assert.All(files, f => Assert.False(ignore.Excludes(f), $"{f} is excluded by .dockerignore but the Dockerfile copies it"));
        }
    }

    [Theory]
    [InlineData("src/HealthGate/bin/Debug/net10.0/HealthGate.Service.dll")]
    [InlineData("src/HealthGate/obj/project.assets.json")]
    [InlineData("tests/HealthGate.Tests/HealthGate.Tests.csproj")]
    [InlineData(".git/HEAD")]
    [InlineData("src/HealthGate/data/healthgate.db")]
    public void DockerignoreKeepsBuildOutputTestsAndLocalDataOutOfTheContext(string path)
    {
        Assert.True(DockerIgnore.Load(RepoRoot.File(".dockerignore")).Excludes(path));
    }

    [Fact]
    public async Task HealthcheckCommandPassesAgainstTheServiceStartedLikeTheImage()
    {
        // The image's own ENV, with only the port moved to a free one and the host kept on loopback.
        var port = FreePort.Next();
        var environment = _dockerfile.Final.Environment().ToDictionary(
            e => e.Key,
            e => e.Key == "Urls" ? $"http://127.0.0.1:{port}" : e.Value,
            StringComparer.Ordinal);
        Assert.Equal($"http://+:{_image.ListenPort}", _dockerfile.Final.Environment()["Urls"]);

        // An image started with no desk file refuses to start (an empty gate proves nothing; the environment cannot
        // define a check): give it a desk with one check, as the deployments mount one.
        using var directory = new TempDirectory();
        var desk = directory.WriteConfig(new { HealthGate = new { Checks = new { disk = TempDirectory.BaselineCheck } } });
        await using var service = ServiceProcess.Start(new() { LikeTheImage = true, Environment = environment, Arguments = ["--config", desk] });
        string[] healthcheck =
        [
            DotnetHost.Assembly(Path.GetFileName(_image.Healthcheck[1])),
            _image.Healthcheck[2].Replace($":{_image.ListenPort}/", $":{port}/", StringComparison.Ordinal),
            .. _image.Healthcheck.Skip(3),
        ];

        Tool.Result? last = null;
        await ProcessRunner.WaitUntilAsync(
            async () =>
            {
                Assert.False(service.HasExited, $"the service exited:\n{service.Output}");
                last = await Tool.RunAsync(DotnetHost.Path, healthcheck);
                return last.ExitCode == 0;
            },
            TimeSpan.FromSeconds(60),
            $"the HEALTHCHECK command passing on port {port}",
            () => $"probe {last}\nservice output:\n{service.Output}");
    }

    private static string Resolve(string workdir, string destination) =>
        (destination.StartsWith('/') ? destination : $"{workdir}/{destination.TrimStart('.', '/')}").TrimEnd('/');

    [GeneratedRegex(@"--timeout=(\d+)s")]
    private static partial Regex TimeoutPattern();

    [GeneratedRegex(@"publish\s+(?<project>\S+\.csproj)\b[^&]*?\s-o\s+(?<output>\S+)")]
    private static partial Regex PublishPattern();
}
