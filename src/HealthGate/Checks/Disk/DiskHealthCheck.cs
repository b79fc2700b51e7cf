using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Disk;

/// <summary>Proves a directory exists, accepts a write, and has the configured free space.</summary>
internal sealed class DiskHealthCheck(DiskCheckOptions options) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var path = Path.GetFullPath(options.Path!);
        if (!Directory.Exists(path))
        {
            return CheckOutcome.Unhealthy(Reasons.PathMissing, $"directory {path} does not exist");
        }

        var probe = Path.Combine(path, $".healthgate-probe-{Guid.NewGuid():N}");
        try
        {
            await File.WriteAllBytesAsync(probe, [1], cancellationToken);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return CheckOutcome.Unhealthy(Reasons.NotWritable, $"cannot write to {path}: {ex.Message}");
        }
        finally
        {
            File.Delete(probe);
        }

        var freeMb = new DriveInfo(path).AvailableFreeSpace / (1024 * 1024);
        var data = new Dictionary<string, object> { ["freeMb"] = freeMb, ["minFreeMb"] = options.MinFreeMb };
        return freeMb < options.MinFreeMb
            ? CheckOutcome.Unhealthy(Reasons.LowDiskSpace, $"{freeMb} MB free on {path}, below {options.MinFreeMb} MB", data)
            : CheckOutcome.Healthy($"{freeMb} MB free on {path}, writable", data);
    }
}
