namespace HealthGate.Testing;

/// <summary>How a <see cref="ServiceProcess"/> starts: where, with which configuration and environment.</summary>
public sealed class ServiceProcessOptions
{
    /// <summary>Where the process runs, so relative paths resolve as for a user; null: a directory of its own, deleted with the process.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>The desk file, passed as <c>--config</c>; null: none (appsettings.json beside the binary and the environment only).</summary>
    public string? ConfigFile { get; init; }

    /// <summary>Passed as <c>--urls</c>; null: a free loopback port.</summary>
    public string? Urls { get; init; }

    /// <summary>ASPNETCORE_ENVIRONMENT; it selects the Serilog output (JSON lines in Production, text in Development).</summary>
    public string EnvironmentName { get; init; } = "Production";

    /// <summary>Variables set for the process, after the runner's own have been scrubbed.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The process's open-files limit (soft and hard), set with <c>prlimit</c> before the runtime starts; null: inherited.</summary>
    public int? OpenFilesLimit { get; init; }

    /// <summary>Arguments after the assembly (and after <c>--urls</c> and <c>--config</c> when those are passed).</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>
    /// As the image's ENTRYPOINT runs it: no <c>--urls</c>, <c>--config</c> or environment name of ours, and none of
    /// the runner's ASP.NET or URL settings; only <see cref="Environment"/> (the image's ENV) configures the process.
    /// </summary>
    public bool LikeTheImage { get; init; }
}
