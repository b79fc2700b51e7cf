namespace HealthGate.Checks.Session;

/// <summary>A span in which the desk must not trade whatever the windows say, e.g. a holiday or a venue migration.</summary>
internal sealed class SessionBlackoutOptions
{
    /// <summary>An ISO 8601 instant with <c>Z</c> or an offset.</summary>
    public string? From { get; set; }

    /// <summary>An ISO 8601 instant with <c>Z</c> or an offset, after <see cref="From"/> (exclusive).</summary>
    public string? To { get; set; }

    /// <summary>Shown to the operator while the blackout lasts.</summary>
    public string? Reason { get; set; }
}
