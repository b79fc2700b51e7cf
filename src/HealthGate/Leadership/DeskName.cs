namespace HealthGate.Leadership;

/// <summary>
/// The desk this replica serves: the scope of its readiness leadership and of the shared readiness row. One value in
/// the container, so the desk's own option (<c>Desk:Name</c>) replaces <see cref="Default"/> in one place.
/// </summary>
internal sealed record DeskName(string Value)
{
    public const string Default = "default";
}
