using System.Text.Json.Nodes;

namespace HealthGate.DemoBackend;

/// <summary>
/// The control API of the demo: <c>POST /faults/...</c> flips one fault and answers the new state,
/// <c>GET /faults</c> shows it, <c>POST /faults/reset</c> makes the backend healthy again.
/// </summary>
internal static class FaultsApi
{
    public static RouteGroupBuilder MapFaultsApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/faults");
        group.MapGet("", Show);
        group.MapPost("/risk-level/{level}", RiskLevel);
        group.MapPost("/ess/{state}", Ess);
        group.MapPost("/skew/{milliseconds:long}", Skew);
        group.MapPost("/execution/{state}", Execution);
        group.MapPost("/metrics/{state}", Metrics);
        group.MapPost("/venue/{status}", Venue);
        group.MapPost("/used-weight/{weight:long}", UsedWeight);
        group.MapPost("/reset", Reset);
        return group;
    }

    public static SmallBody Show(DeskFaults faults) => Describe(faults.Current);

    /// <summary>Any level is taken as given: CRITICAL blocks, ELEVATED degrades, anything unknown blocks too.</summary>
    public static SmallBody RiskLevel(string level, DeskFaults faults) => Describe(faults.SetRiskLevel(level));

    public static SmallBody Ess(string state, DeskFaults faults) => Choose(state, "on", "off") switch
    {
        true => Describe(faults.SetEss(active: true)),
        false => Describe(faults.SetEss(active: false)),
        null => BadChoice("ess", "on", "off"),
    };

    public static SmallBody Skew(long milliseconds, DeskFaults faults) => Describe(faults.SetSkew(milliseconds));

    public static SmallBody Execution(string state, DeskFaults faults) => Choose(state, "down", "up") switch
    {
        true => Describe(faults.SetExecutionDown(down: true)),
        false => Describe(faults.SetExecutionDown(down: false)),
        null => BadChoice("execution", "down", "up"),
    };

    public static SmallBody Metrics(string state, DeskFaults faults) => Choose(state, "missing", "ok") switch
    {
        true => Describe(faults.SetMetricsMissing(missing: true)),
        false => Describe(faults.SetMetricsMissing(missing: false)),
        null => BadChoice("metrics", "missing", "ok"),
    };

    /// <summary>Any status is taken as given: maintenance and cancel_only block, anything Kraken does not send blocks too.</summary>
    public static SmallBody Venue(string status, DeskFaults faults) => Describe(faults.SetVenueStatus(status));

    public static SmallBody UsedWeight(long weight, DeskFaults faults) => Describe(faults.SetUsedWeight(weight));

    public static SmallBody Reset(DeskFaults faults) => Describe(faults.Reset());

    private static bool? Choose(string state, string faulty, string healthy) =>
        string.Equals(state, faulty, StringComparison.OrdinalIgnoreCase) ? true
        : string.Equals(state, healthy, StringComparison.OrdinalIgnoreCase) ? false
        : null;

    private static SmallBody BadChoice(string fault, string faulty, string healthy) => SmallBody.Of(
        new JsonObject { ["error"] = $"POST /faults/{fault}/{faulty} or /faults/{fault}/{healthy}" }.ToJsonString() + "\n",
        statusCode: StatusCodes.Status400BadRequest);

    private static SmallBody Describe(FaultState state) => SmallBody.Of(new JsonObject
    {
        ["riskLevel"] = state.RiskLevel,
        ["essActive"] = state.EssActive,
        ["skewMs"] = state.SkewMs,
        ["executionDown"] = state.ExecutionDown,
        ["metricsMissing"] = state.MetricsMissing,
        ["venueStatus"] = state.VenueStatus,
        ["usedWeight"] = state.UsedWeight,
    }.ToJsonString() + "\n"); // the newline keeps a curl user's prompt on its own line
}
