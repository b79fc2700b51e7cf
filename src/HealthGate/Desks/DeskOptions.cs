namespace HealthGate.Desks;

/// <summary>
/// <c>HealthGate:Desk</c>: which desk this replica serves. Several desks may share one store; every row is written
/// with the desk's name and every read sees only its own desk's runs, operational log and overrides.
/// </summary>
internal sealed class DeskOptions
{
    public const string SectionName = "Desk";

    /// <summary>The desk of a store that predates desks: its rows are this desk's.</summary>
    public const string DefaultName = "default";

    /// <summary>1–63 characters of <c>[a-z0-9_-]</c>: one spelling per desk, safe in a label, a key or a log line.</summary>
    public string Name { get; set; } = DefaultName;
}
