namespace HealthGate.Checks;

/// <summary>
/// <c>HealthGate:Checks</c> at start. Each check binds to the options of its own type (<see cref="CheckCatalog"/>),
/// so this type carries no keys; it is what the section's start-up validation hangs on.
/// </summary>
internal sealed class ChecksOptions;
