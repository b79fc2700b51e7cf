namespace HealthGate.Checks;

/// <summary>
/// An entry of a run that is the gate's own condition rather than a check's: type <c>gate</c>, tier P0, so the verdict
/// still follows from the entries. It has no state between runs, so check gauges and transitions leave it out.
/// </summary>
internal static class GateEntry
{
    public const string Type = "gate";

    /// <summary>The entry of a run that could not be recorded (reason <see cref="Reasons.RecordFailed"/>).</summary>
    public const string Record = "healthgate-record";

    public static bool Is(CheckResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return result.Type == Type && result.Name == Record;
    }
}
