using HealthGate.Checks.Alerting;
using HealthGate.Checks.Clock;
using HealthGate.Checks.Disk;
using HealthGate.Checks.Exchange;
using HealthGate.Checks.Grafana;
using HealthGate.Checks.Http;
using HealthGate.Checks.Nats;
using HealthGate.Checks.Postgres;
using HealthGate.Checks.Prometheus;
using HealthGate.Checks.Rabbitmq;
using HealthGate.Checks.Redis;
using HealthGate.Checks.Risk;
using HealthGate.Checks.Scenarios;
using HealthGate.Checks.Session;
using HealthGate.Checks.Venue;

namespace HealthGate.Checks;

/// <summary>The check types a configuration can name in <c>Type</c>.</summary>
internal static class BuiltInCheckTypes
{
    public static IReadOnlyDictionary<string, CheckType> All { get; } = new[]
    {
        CheckType.Of<PostgresCheckOptions, PostgresHealthCheck>("postgres"),
        CheckType.Of<RedisCheckOptions, RedisHealthCheck>("redis"),
        CheckType.Of<HttpCheckOptions, HttpHealthCheck>("http"),
        CheckType.Of<RiskCheckOptions, RiskHealthCheck>("risk"),
        CheckType.Of<ExchangeCheckOptions, ExchangeHealthCheck>("exchange"),
        CheckType.Of<PrometheusCheckOptions, PrometheusHealthCheck>("prometheus"),
        CheckType.Of<ScenariosCheckOptions, ScenariosHealthCheck>("scenarios"),
        CheckType.Of<DiskCheckOptions, DiskHealthCheck>("disk"),
        CheckType.Of<AlertingCheckOptions, AlertingHealthCheck>("alerting"),
        CheckType.Of<DashboardCheckOptions, DashboardHealthCheck>("dashboard"),
        CheckType.Of<VenueCheckOptions, VenueHealthCheck>("venue"),
        CheckType.Of<SessionCheckOptions, SessionHealthCheck>("session"),
        CheckType.Of<ClockCheckOptions, ClockHealthCheck>("clock"),
        CheckType.Of<NatsCheckOptions, NatsHealthCheck>("nats"),
        CheckType.Of<RabbitmqCheckOptions, RabbitmqHealthCheck>("rabbitmq"),
    }.ToDictionary(t => t.Name, StringComparer.OrdinalIgnoreCase);
}
