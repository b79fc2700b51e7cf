namespace HealthGate.Checks;

/// <summary>The stable reason tokens of the preflight JSON; dashboards and alerts match on them.</summary>
internal static class Reasons
{
    public const string Ok = "ok";
    public const string Degraded = "degraded";
    public const string Unhealthy = "unhealthy";
    public const string Timeout = "timeout";
    public const string Exception = "exception";
    public const string Unreachable = "unreachable";
    public const string UnexpectedStatus = "unexpected_status";
    public const string Slow = "slow";
    public const string BodyMismatch = "body_mismatch";
    public const string InvalidResponse = "invalid_response";
    public const string QueryFailed = "query_failed";
    public const string EssActive = "ess_active";
    public const string RiskCritical = "risk_critical";
    public const string UnknownRiskLevel = "unknown_risk_level";
    public const string RiskElevated = "risk_elevated";
    public const string MissingField = "missing_field";
    public const string ClockSkew = "clock_skew";
    public const string ClockUnsynchronised = "clock_unsynchronised";
    public const string ClockError = "clock_error";
    public const string MissingMetrics = "missing_metrics";
    public const string MissingScenarios = "missing_scenarios";
    public const string TooFewScenarios = "too_few_scenarios";
    public const string PathMissing = "path_missing";
    public const string NotWritable = "not_writable";
    public const string LowDiskSpace = "low_disk_space";
    public const string StaleResult = "stale";
    public const string NoChecks = "no_checks";

    /// <summary>The run could not be recorded durably: not a GO, whatever its checks said.</summary>
    public const string RecordFailed = "record_failed";
    public const string MissingAlertRules = "missing_alert_rules";
    public const string AlertFiring = "alert_firing";
    public const string AlertPending = "alert_pending";
    public const string MissingDashboard = "missing_dashboard";
    public const string VenueMaintenance = "venue_maintenance";
    public const string VenueRestricted = "venue_restricted";
    public const string VenueDegraded = "venue_degraded";
    public const string MaintenanceSoon = "maintenance_soon";
    public const string OutsideSession = "outside_session";
    public const string Blackout = "blackout";
    public const string RateLimitHeadroom = "rate_limit_headroom";
    public const string StaleStatus = "stale_status";
    public const string VenueOutage = "venue_outage";
    public const string AlertRuleUnhealthy = "alert_rule_unhealthy";
    public const string BrokerBlocked = "broker_blocked";
    public const string PermissionDenied = "permission_denied";
}
