namespace HealthGate.Leadership;

/// <summary>
/// The desk this replica serves (<c>Desk:Name</c>): the scope of its readiness leadership and of the shared readiness
/// row. One value in the container; tests may register another before <c>AddReadinessLeadership</c>.
/// </summary>
internal sealed record DeskName(string Value)
{
    public const string Default = "default";
}
