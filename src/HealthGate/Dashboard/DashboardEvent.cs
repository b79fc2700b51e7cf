namespace HealthGate.Dashboard;

/// <summary>One server-sent event: its type (<c>check</c>, <c>run</c>, <c>override</c> or <c>acknowledgement</c>) and its JSON, serialised once for every subscriber.</summary>
internal sealed record DashboardEvent(string Type, string Data)
{
    public const string Check = "check";
    public const string Run = "run";
    public const string Override = "override";
    public const string Acknowledgement = "acknowledgement";
}
