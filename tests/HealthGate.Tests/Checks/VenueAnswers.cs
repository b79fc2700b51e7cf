using System.Globalization;
using System.Text.Json;
using HealthGate.Checks.Probing;
using HealthGate.Checks.Venue;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Time.Testing;

namespace HealthGate.Tests.Checks;

/// <summary>
/// Venue answers in each venue's documented format, and the <c>venue</c> check itself run on them at a fixed instant
/// (<see cref="Now"/>, a <see cref="FakeTimeProvider"/>) against a real HTTP stand-in that dates its answers at that
/// instant unless told otherwise.
/// </summary>
internal static class VenueAnswers
{
    public static readonly DateTimeOffset Now = new(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The check at <see cref="Now"/> on <paramref name="standIn"/> answering <paramref name="body"/>, dated <paramref name="answeredAt"/> (default <see cref="Now"/>).</summary>
    public static Task<JsonElement> RunAsync(
        HttpStandIn standIn,
        string format,
        string body,
        Action<VenueCheckOptions>? configure = null,
        DateTimeOffset? answeredAt = null,
        params (string Name, string Value)[] headers)
    {
        var path = $"/direct/{format}/{Guid.NewGuid():N}";
        Respond(standIn, path, body, answeredAt ?? Now, headers);
        return RunAsync(standIn.Url(path), format, configure);
    }

    /// <summary>The check at <see cref="Now"/> on whatever answers at <paramref name="url"/>; shown as the preflight JSON shows it.</summary>
    public static async Task<JsonElement> RunAsync(string url, string format, Action<VenueCheckOptions>? configure = null, DateTimeOffset? now = null)
    {
        var options = new VenueCheckOptions { Format = format, Url = url };
        configure?.Invoke(options);
        using var services = new ServiceCollection().AddHttpClient().BuildServiceProvider();
        var check = new VenueHealthCheck(options, new HttpProbe(services.GetRequiredService<IHttpClientFactory>(), TimeProvider.System), new FakeTimeProvider(now ?? Now));
        var result = await check.CheckHealthAsync(new HealthCheckContext());
        return Show(result);
    }

    public static JsonElement Show(HealthCheckResult result) => JsonSerializer.SerializeToElement(new
    {
        status = result.Status.ToString(),
        reason = result.Data["reason"],
        description = result.Description,
        data = result.Data.Where(d => d.Key != "reason").ToDictionary(),
    });

    /// <summary>Answers <paramref name="body"/> with HTTP <c>Date</c> <paramref name="answeredAt"/> (Kestrel keeps one the application set) and any further headers.</summary>
    public static void Respond(HttpStandIn standIn, string path, string body, DateTimeOffset answeredAt, params (string Name, string Value)[] headers) =>
        standIn.Respond(path, async context =>
        {
            context.Response.ContentType = "application/json";
            context.Response.Headers.Date = answeredAt.ToString("r", CultureInfo.InvariantCulture);
            foreach (var (name, value) in headers)
            {
                context.Response.Headers.Append(name, value);
            }

            await context.Response.WriteAsync(body);
        });

    public static string Kraken(string status, DateTimeOffset stampedAt) =>
        Kraken(status, JsonSerializer.Serialize(stampedAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));

    /// <summary>Kraken's SystemStatus with <paramref name="timestamp"/> as raw JSON (null leaves the property out).</summary>
    public static string Kraken(string status, string? timestamp) =>
        "{\"error\":[],\"result\":{\"status\":" + JsonSerializer.Serialize(status) + (timestamp is null ? "" : ",\"timestamp\":" + timestamp) + "}}";

    /// <summary>A Statuspage summary as a page publishes it; <paramref name="components"/> replaces the two default components.</summary>
    public static string Summary(
        string indicator,
        string maintenances = "",
        string incidents = "[]",
        string withdrawals = "operational",
        string? components = null,
        string updatedAt = "2025-06-01T09:58:12.301Z")
    {
        var description = indicator switch
        {
            "none" => "All Systems Operational",
            "minor" => "Minor Service Outage",
            "major" => "Partial System Outage",
            "critical" => "Major System Outage",
            _ => "Service Under Maintenance",
        };
        components ??= $"[{Component("b13yz5g2cw10", "Spot trading", "operational")},{Component("v2r7pdyd6wn6", "Withdrawals", withdrawals)}]";
        return $$"""
            {
              "page": {"id":"kctbh9vrtdwd","name":"Example Exchange","url":"https://status.example.com","time_zone":"Etc/UTC","updated_at":"{{updatedAt}}"},
              "components": {{components}},
              "incidents": {{incidents}},
              "scheduled_maintenances": [{{maintenances}}],
              "status": {"indicator":"{{indicator}}","description":"{{description}}"}
            }
            """;
    }

    /// <summary>One component; a group lists <paramref name="members"/>, a member names its <paramref name="groupId"/>.</summary>
    public static string Component(string id, string name, string status, string? groupId = null, string[]? members = null)
    {
        var group = members is null ? "false" : "true";
        var list = members is null ? "" : $",\"components\":{JsonSerializer.Serialize(members)}";
        return $$"""
            {"id":"{{id}}","name":{{JsonSerializer.Serialize(name)}},"status":"{{status}}","created_at":"2025-01-14T08:00:00.000Z","updated_at":"2026-12-01T09:00:00.000Z","position":1,"description":null,"showcase":true,"start_date":null,"group_id":{{(groupId is null ? "null" : $"\"{groupId}\"")}},"page_id":"kctbh9vrtdwd","group":{{group}},"only_show_if_degraded":false{{list}}}
            """;
    }

    public static string Incident(string name, string status, string impact) => $$"""
        {"id":"p31zjtct2jer","name":{{JsonSerializer.Serialize(name)}},"status":"{{status}}","created_at":"2026-12-01T09:40:00.000Z","updated_at":"2026-12-01T09:50:00.000Z","monitoring_at":null,"resolved_at":null,"impact":"{{impact}}","shortlink":"https://stspg.io/p31zjtct","started_at":"2026-12-01T09:40:00.000Z","page_id":"kctbh9vrtdwd","incident_updates":[],"components":[]}
        """;

    public static string Maintenance(string name, string status, string startsAt, string? endsAt) => $$"""
        {"id":"w1zdr745wmfy","name":"{{name}}","status":"{{status}}","created_at":"2026-11-28T12:00:00.000Z","updated_at":"2026-11-28T12:00:00.000Z",
         "monitoring_at":null,"resolved_at":null,"impact":"maintenance","shortlink":"https://stspg.io/w1zdr745","started_at":"2026-11-28T12:00:00.000Z",
         "page_id":"kctbh9vrtdwd","incident_updates":[{"id":"xq9ctgk1x2yh","status":"scheduled","body":"Orders will be rejected during the upgrade.","created_at":"2026-11-28T12:00:00.000Z"}],
         "scheduled_for":"{{startsAt}}","scheduled_until":{{(endsAt is null ? "null" : $"\"{endsAt}\"")}}
        }
        """;
}
