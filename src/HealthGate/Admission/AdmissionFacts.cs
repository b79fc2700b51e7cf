using HealthGate.Contracts;
using HealthGate.Runs;

namespace HealthGate.Admission;

/// <summary>
/// What the store says about a mode when an object asks to start in it: its latest recorded run, the approved
/// overrides (each force_start with the run it was approved on), the gate's configuration and the time.
/// </summary>
internal sealed record AdmissionFacts(
    string Mode,
    PreflightRun? Latest,
    IReadOnlyList<(OverrideRecord Override, PreflightRun? ApprovedRun)> Overrides,
    string ConfigHash,
    DateTimeOffset Now);
