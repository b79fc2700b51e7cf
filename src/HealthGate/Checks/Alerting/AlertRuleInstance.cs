namespace HealthGate.Checks.Alerting;

/// <summary>One loaded copy of an alerting rule: its state, its evaluation health (<c>ok</c>, <c>err</c>, <c>unknown</c>) and Prometheus's last error.</summary>
internal sealed record AlertRuleInstance(string State, string Health, string? LastError);
