using System.Globalization;
using HealthGate.Auth;
using HealthGate.Contracts;
using HealthGate.Http;
using HealthGate.Storage;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthGate.Audit;

/// <summary>
/// <c>GET /oplog</c>: the operational log in chain order, a page at a time, for auditors and <c>healthgate audit verify</c>;
/// or newest first (<c>order=desc</c>), paging back from the head, for the operator page.
/// </summary>
internal static class OpLogApi
{
    public static RouteGroupBuilder MapOpLogApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        var group = endpoints.MapGroup("/oplog").WithTags("Operational log");
        group.MapGet("/", ListEntries).RequireAuthorization(ReadPolicyProvider.ReadPolicy)
            .WithName("ListOpLog")
            .WithSummary("Entries in seq order after `after` (the previous page's `next`), optionally of some kinds (comma-separated); limit 1-500, default 20. With `order=desc` newest first, and `after` pages back to older entries.")
            .ProducesProblem(StatusCodes.Status400BadRequest);
        return group;
    }

    public static async Task<Results<Ok<Page<OpLogRecord>>, ProblemHttpResult>> ListEntries(
        string? after,
        string? limit,
        string? kind,
        string? order,
        IOpLogStore store,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        if (!ListLimit.TryParse(limit, out var count, out var problem))
        {
            return problem!;
        }

        long afterSeq = 0;
        if (after is not null && !long.TryParse(after, NumberStyles.None, CultureInfo.InvariantCulture, out afterSeq))
        {
            return QueryProblem.Bad($"after must be a seq (a whole number, the previous page's 'next'); got '{after}'");
        }

        var kinds = string.IsNullOrEmpty(kind) ? [] : kind.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (kinds.FirstOrDefault(k => !OpLogEvents.All.Contains(k)) is { } unknown)
        {
            return QueryProblem.Bad($"unknown kind '{unknown}': one of {string.Join(", ", OpLogEvents.All)}");
        }

        if (order is not (null or "asc" or "desc"))
        {
            return QueryProblem.Bad($"order must be asc or desc; got '{order}'");
        }

        // Newest first, the cursor reads "after in this order": older than it.
        var query = order == "desc"
            ? new OpLogQuery(count + 1) { BeforeSeq = after is null ? null : afterSeq, NewestFirst = true, Kinds = kinds }
            : new OpLogQuery(count + 1) { AfterSeq = afterSeq, Kinds = kinds };
        var entries = await store.ReadEntriesAsync(query, cancellationToken);
        var page = entries.Take(count).ToArray();
        var next = entries.Count > count ? page[^1].Seq.ToString(CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new Page<OpLogRecord>(page, next));
    }
}
