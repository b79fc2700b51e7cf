using System.Globalization;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks.Session;

/// <summary>
/// Proves the desk is inside its trading session: now, on the injected clock, falls in a configured window in the
/// session's time zone and in no blackout. Outside, the answer says when the session next opens.
/// </summary>
internal sealed class SessionHealthCheck(SessionCheckOptions options, TimeProvider time) : IHealthCheck
{
    private readonly SessionCalendar _calendar = SessionCalendar.From(options);

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(Judge(time.GetUtcNow()));

    private HealthCheckResult Judge(DateTimeOffset now)
    {
        var state = _calendar.At(now);
        var local = state.LocalNow.ToString("ddd yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);
        var data = new Dictionary<string, object>
        {
            ["timeZone"] = _calendar.Zone.Id,
            ["localTime"] = state.LocalNow.ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture),
        };
        if (state.ClosesAt is { } closesAt)
        {
            data["closesAt"] = Timestamps.ToText(closesAt);
        }

        if (state.NextOpenAt is { } nextOpenAt)
        {
            data["nextOpenAt"] = Timestamps.ToText(nextOpenAt);
        }

        var next = state.NextOpenAt is { } n ? $"; next opens at {Timestamps.ToText(n)}" : $"; no opening within {SessionCalendar.HorizonDays} days";
        if (state.Open)
        {
            var closes = state.ClosesAt is { } c ? $"; closes at {Timestamps.ToText(c)}" : "";
            return CheckOutcome.Healthy($"inside the session ({local} {_calendar.Zone.Id}){closes}", data);
        }

        if (state.Blackout is { } blackout)
        {
            data["blackoutReason"] = blackout.Reason;
            data["blackoutEndsAt"] = Timestamps.ToText(blackout.To);
            return CheckOutcome.Unhealthy(Reasons.Blackout, $"blackout \"{blackout.Reason}\" until {Timestamps.ToText(blackout.To)}{next}", data);
        }

        return CheckOutcome.Unhealthy(Reasons.OutsideSession, $"outside every session window ({local} {_calendar.Zone.Id}){next}", data);
    }
}
