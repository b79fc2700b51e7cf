using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthGate.Http;

/// <summary>The 400 of a query parameter the endpoint cannot use, saying what it takes instead.</summary>
internal static class QueryProblem
{
    public static ProblemHttpResult Bad(string detail) =>
        TypedResults.Problem(title: "Bad query", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
