namespace HealthGate.Checks.Session;

/// <summary>One trading window in the session's local time: <c>{"Days":["Mon"],"From":"08:00","To":"16:30"}</c>.</summary>
internal sealed class SessionWindowOptions
{
    /// <summary><c>Mon</c> … <c>Sun</c>: the days the window starts on.</summary>
    public string[]? Days { get; set; }

    /// <summary><c>HH:mm</c>, local wall-clock time.</summary>
    public string? From { get; set; }

    /// <summary><c>HH:mm</c>; at or before <see cref="From"/> the window ends the next day.</summary>
    public string? To { get; set; }
}
