using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace HealthGate.Http;

/// <summary>The <c>limit</c> query parameter of the listing endpoints: 1 to 500, default 20.</summary>
internal static class ListLimit
{
    public const int Default = 20;
    public const int Max = 500;

    /// <summary>Parsed here rather than bound, so a bad value gets a problem that says what is allowed.</summary>
    public static bool TryParse(string? value, out int limit, out ProblemHttpResult? problem)
    {
        problem = null;
        if (string.IsNullOrEmpty(value))
        {
            limit = Default;
            return true;
        }

        if (int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out limit) && limit is >= 1 and <= Max)
        {
            return true;
        }

        problem = TypedResults.Problem(
            title: "Bad limit",
            detail: $"limit must be a whole number from 1 to {Max} (default {Default}); got '{value}'",
            statusCode: StatusCodes.Status400BadRequest);
        return false;
    }
}
