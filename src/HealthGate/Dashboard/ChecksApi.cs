using HealthGate.Acknowledgements;
using HealthGate.Auth;
using HealthGate.Http;
using HealthGate.Overrides;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthGate.Dashboard;

/// <summary>The operator views of the checks: each configured check with its latest result, and one check's recent results.</summary>
internal static class ChecksApi
{
    public static RouteGroupBuilder MapChecksApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/checks").WithTags("Checks").RequireAuthorization(ReadPolicyProvider.ReadPolicy);
        group.MapGet("/", ListChecks)
            .WithName("ListChecks")
            .WithSummary("Every configured check with its latest result from a readiness run or a preflight, and its uptime over the last 24 h.");
        group.MapGet("/{name}/history", GetHistory)
            .WithName("GetCheckHistory")
            .WithSummary($"One check's recent results, newest first (limit 1-500, default 20; at most {CheckHistory.Capacity} are kept).")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        return group;
    }

    public static Ok<IReadOnlyList<CheckView>> ListChecks(CheckHistory history, AcknowledgementBook acknowledgements, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(history);
        ArgumentNullException.ThrowIfNull(acknowledgements);
        ArgumentNullException.ThrowIfNull(time);
        var now = time.GetUtcNow();
        IReadOnlyList<CheckView> views = [.. history.Views().Select(v => acknowledgements.Find(v.Name, now) is { } ack
            ? v with { AcknowledgedUntil = ack.Until, AcknowledgedBy = ack.By, AcknowledgedReason = ack.Reason }
            : v)];
        return TypedResults.Ok(views);
    }

    public static Results<Ok<IReadOnlyList<CheckHistoryEntry>>, ProblemHttpResult> GetHistory(string name, string? limit, CheckHistory history)
    {
        ArgumentNullException.ThrowIfNull(history);
        if (!ListLimit.TryParse(limit, out var count, out var problem))
        {
            return problem!;
        }

        return history.Newest(name, count) is { } entries
            ? TypedResults.Ok(entries)
            : TypedResults.Problem(
                title: "Unknown check",
                detail: $"no check '{name}' is configured (GET /checks lists them)",
                statusCode: StatusCodes.Status404NotFound);
    }
}
