using HealthGate.Configuration;

namespace HealthGate.Tests.Storage;

/// <summary>SQLite serves one process: a second service on the same store is refused at start, a crashed one is not in the way.</summary>
public sealed class SqliteSingleProcessTests
{
    [Fact]
    public async Task ASecondProcessOnTheStoreIsRefusedAndARestartAfterKillMinus9IsNot()
    {
        using var directory = new TempDirectory();
        var dataFile = System.IO.Path.Combine(directory.Path, "data", "gate.db");
        var config = directory.WriteConfig(new { HealthGate = new { Checks = new { baseline = TempDirectory.BaselineCheck }, Storage = new { ConnectionString = $"Data Source={dataFile}" } } });
        await using var first = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = directory.Path, ConfigFile = config });

        await using (var second = ServiceProcess.Start(new() { WorkingDirectory = directory.Path, ConfigFile = config }))
        {
            await second.WaitForExitAsync(TimeSpan.FromSeconds(60));

            Assert.Equal(StartupFailure.ConfigurationExitCode, second.ExitCode);
            Assert.Contains($"the SQLite store {dataFile} is in use by another process (process {first.ProcessId} on ", second.Output, StringComparison.Ordinal);
        }

        await first.KillAsync();
        await using var restarted = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = directory.Path, ConfigFile = config });

        Assert.False(restarted.HasExited);
        Assert.Contains($"process {restarted.ProcessId} on ", await File.ReadAllTextAsync(dataFile + ".lock.owner"), StringComparison.Ordinal);
    }
}
