using System.Text.Json;

namespace HealthGate.Http;

/// <summary>
/// A JSON request body read by hand rather than bound, so every way it can be wrong gets a problem that says how:
/// not JSON, the wrong shape, too large (Kestrel's 413), or missing when required.
/// </summary>
internal static class RequestBody
{
    public static async Task<(T? Body, IResult? Problem)> ReadAsync<T>(HttpContext context, bool required, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!required && context.Request.ContentLength is 0 or null && !context.Request.HasJsonContentType())
        {
            return (null, null);
        }

        try
        {
            var body = context.Request.HasJsonContentType()
                ? await context.Request.ReadFromJsonAsync<T>(context.RequestAborted)
                : null;
            return body is null && required
                ? (null, Bad(what, $"send a JSON {what} with Content-Type: application/json"))
                : (body, null);
        }
        catch (JsonException ex)
        {
            return (null, Bad(what, $"the body is not a valid {what}: {ex.Message}"));
        }
        catch (BadHttpRequestException ex)
        {
            return (null, TypedResults.Problem(title: $"Bad {what}", detail: ex.Message, statusCode: ex.StatusCode));
        }
    }

    private static Microsoft.AspNetCore.Http.HttpResults.ProblemHttpResult Bad(string what, string detail) =>
        TypedResults.Problem(title: $"Bad {what}", detail: detail, statusCode: StatusCodes.Status400BadRequest);
}
