using HealthGate.Configuration;

namespace HealthGate.Checks.Disk;

internal sealed class DiskCheckOptions : CheckOptions
{
    /// <summary>A directory; relative paths are resolved against the working directory.</summary>
    public string? Path { get; set; }

    public long MinFreeMb { get; set; } = 100;

    public override void Validate(string key, ConfigErrors errors)
    {
        ArgumentNullException.ThrowIfNull(errors);
        errors.Require($"{key}:Path", Path);
        if (MinFreeMb < 0)
        {
            errors.Add($"{key}:MinFreeMb", "must not be negative");
        }
    }
}
