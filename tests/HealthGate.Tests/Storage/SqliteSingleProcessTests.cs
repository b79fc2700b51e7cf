using System.Net;
using HealthGate.Configuration;

namespace HealthGate.Tests.Storage;

/// <summary>SQLite serves one process: a second service on the same store is refused at start, a crashed one is not in the way.</summary>
public sealed class SqliteSingleProcessTests
{
    [Fact]
    public async Task ASecondProcessOnTheStoreIsRefusedAndARestartAfterKillMinus9IsNot()
    {
        using var directory = new TempDirectory();
        var dataFile = Path.Combine(directory.Path, "data", "gate.db");
        var config = directory.WriteConfig(new { HealthGate = new { Checks = new { baseline = TempDirectory.BaselineCheck }, Storage = new { ConnectionString = $"Data Source={dataFile}" } } });
        await using var first = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = directory.Path, ConfigFile = config });

        await using (var second = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = config }))
        {
            await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(StartupFailure.ConfigurationExitCode, second.ExitCode);
            var refusal = second.StandardError.Split('\n');
            Assert.True(refusal.Length == 2, second.Output);
            Assert.Equal("HealthGate cannot start: the configuration is invalid.", refusal[0]);
            Assert.StartsWith(
                $"  - HealthGate:Storage: the SQLite store {dataFile} is held by another HealthGate process (process {first.ProcessId} on ",
                refusal[1],
                StringComparison.Ordinal);
            Assert.Contains($"lock file {dataFile}.lock). SQLite serves one process", refusal[1], StringComparison.Ordinal);
            Assert.DoesNotMatch(@"(?m)^\s+at \S", second.Output);
            Assert.DoesNotContain("Now listening", second.Output, StringComparison.Ordinal);
        }

        // The refused start touched nothing of the first's: it still serves, from its store.
        using (var live = await first.Client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        }

        await first.KillAsync();
        await using var restarted = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = directory.Path, ConfigFile = config });

        Assert.False(restarted.HasExited);
        Assert.Contains($"process {restarted.ProcessId} on ", await File.ReadAllTextAsync(dataFile + ".lock.owner"), StringComparison.Ordinal);
        await restarted.WaitForOutputAsync("\"EventId\":{\"Id\":2401");
    }

    [Fact]
    public async Task InProcessHostsShareTheirProcesssLockAndLetTheStoreGoWhenDisposed()
    {
        using var directory = new TempDirectory();
        var dataFile = Path.Combine(directory.Path, "gate.db");
        var store = ("Storage:ConnectionString", (object?)$"Data Source={dataFile}");
        var config = directory.WriteConfig(new { HealthGate = new { Checks = new { baseline = TempDirectory.BaselineCheck }, Storage = new { ConnectionString = $"Data Source={dataFile}" } } });

        await using (var one = HealthGateApplication.With(store))
        await using (var other = HealthGateApplication.With(store))
        {
            // Two hosts in one process on one store, as tests run them: neither is refused, both record.
            using var oneClient = one.CreateClient();
            using var otherClient = other.CreateClient();
            using (var first = await oneClient.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative)))
            using (var second = await otherClient.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative)))
            {
                Assert.Equal((HttpStatusCode.OK, HttpStatusCode.OK), (first.StatusCode, second.StatusCode));
            }

            // The lock is this test process's, so a service process on the store is refused.
            await using var refused = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = config });
            await refused.WaitForExitAsync(TimeSpan.FromSeconds(60));
            Assert.Equal(StartupFailure.ConfigurationExitCode, refused.ExitCode);
            Assert.Contains($"held by another HealthGate process (process {Environment.ProcessId} on ", refused.Output, StringComparison.Ordinal);
        }

        // Both hosts disposed: the store is free for a process.
        await using var service = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = directory.Path, ConfigFile = config });

        Assert.False(service.HasExited);
    }
}
