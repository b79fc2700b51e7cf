using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HealthGate.Tests.Checks;
using Microsoft.AspNetCore.Http;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// A desk that trades on three venues and relies on a Prometheus alert, as a user runs it: the real service process,
/// a P0 disk check, and P1 <c>venue</c> checks in each documented format (Binance, Kraken, a Statuspage summary) and an
/// <c>alerting</c> check, all against one HTTP stand-in answering in those formats on the real clock. Each row replaces
/// one answer; <see cref="SetHealthy"/> puts every answer back.
/// </summary>
public sealed class VenueAnswerDesk : IAsyncLifetime
{
    public const string RequiredAlert = "DeskLossLimitBreached";

    private static readonly string[] PaperTiers = ["P0"];
    private static readonly string[] LiveTiers = ["P0", "P1"];

    private readonly TempDirectory _directory = new();

    public HttpStandIn StandIn { get; } = new();

    public ServiceProcess Service { get; private set; } = null!;

    /// <summary>The P1 checks, each the only one a row breaks.</summary>
    public static string[] Checks => ["binance", "kraken", "statuspage", "alerts"];

    public async Task InitializeAsync()
    {
        await StandIn.InitializeAsync();
        SetHealthy();
        var config = _directory.WriteConfig(new
        {
            HealthGate = new
            {
                Checks = new Dictionary<string, object>
                {
                    ["disk"] = TempDirectory.BaselineCheck,
                    ["binance"] = new { Type = "venue", Tier = "P1", Format = "binance", Url = StandIn.Url("/va/sapi/v1/system/status") },
                    ["kraken"] = new { Type = "venue", Tier = "P1", Format = "kraken", Url = StandIn.Url("/va/0/public/SystemStatus") },
                    ["statuspage"] = new { Type = "venue", Tier = "P1", Format = "statuspage", Url = StandIn.Url("/va/api/v2/summary.json") },
                    ["alerts"] = new { Type = "alerting", Tier = "P1", Url = StandIn.Url("/va/prometheus"), RequiredAlerts = new[] { RequiredAlert } },
                },
                Modes = new { paper = new { Tiers = PaperTiers }, live = new { Tiers = LiveTiers } },
            },
        });
        Service = await ServiceProcess.StartServingAsync(new() { WorkingDirectory = _directory.Path, ConfigFile = config });
    }

    /// <summary>Every answer as an open venue and a sound Prometheus give it, stamped now.</summary>
    public void SetHealthy()
    {
        Answer("binance", _ => """{"status":0,"msg":"normal"}""");
        Answer("kraken", now => VenueAnswers.Kraken("online", now));
        Answer("statuspage", now => VenueAnswers.Summary("none", updatedAt: Timestamps.ToText(now.AddHours(-1))));
        Answer("alerts", _ => Rules("\"ok\""));
    }

    /// <summary>
    /// What <paramref name="check"/>'s endpoint answers from now on: <paramref name="body"/> made at the moment of the
    /// request, dated by Kestrel unless <paramref name="dateShift"/> moves its HTTP Date, with an HTTP Age if given.
    /// </summary>
    public void Answer(string check, Func<DateTimeOffset, string> body, TimeSpan? dateShift = null, string? age = null) =>
        StandIn.Respond(PathOf(check), async context =>
        {
            var now = DateTimeOffset.UtcNow;
            context.Response.ContentType = "application/json";
            if (dateShift is { } shift)
            {
                context.Response.Headers.Date = (now + shift).ToString("r", CultureInfo.InvariantCulture);
            }

            if (age is not null)
            {
                context.Response.Headers.Age = age;
            }

            await context.Response.WriteAsync(body(now));
        });

    /// <summary>A Prometheus /api/v1/rules answer holding the required alert with <paramref name="health"/> as raw JSON (null: none).</summary>
    public static string Rules(string? health)
    {
        var rule = new JsonObject
        {
            ["type"] = "alerting",
            ["name"] = RequiredAlert,
            ["state"] = "inactive",
            ["query"] = "desk_loss > 1e6",
            ["duration"] = 0,
            ["labels"] = new JsonObject(),
            ["annotations"] = new JsonObject(),
            ["alerts"] = new JsonArray(),
            ["lastError"] = "",
            ["evaluationTime"] = 0.0002,
            ["lastEvaluation"] = "2026-12-01T10:00:00Z",
        };
        if (health is not null)
        {
            rule["health"] = JsonNode.Parse(health);
        }

        var group = new JsonObject { ["name"] = "desk", ["file"] = "/etc/prometheus/desk.yml", ["interval"] = 15, ["rules"] = new JsonArray(rule) };
        return new JsonObject { ["status"] = "success", ["data"] = new JsonObject { ["groups"] = new JsonArray(group) } }.ToJsonString();
    }

    public async Task<PreflightAnswer> PreflightAsync(string mode)
    {
        using var response = await Service.Client.GetAsync(new Uri($"/preflight?mode={mode}", UriKind.Relative));
        return new PreflightAnswer((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await StandIn.DisposeAsync();
        _directory.Dispose();
    }

    private static string PathOf(string check) => check switch
    {
        "binance" => "/va/sapi/v1/system/status",
        "kraken" => "/va/0/public/SystemStatus",
        "statuspage" => "/va/api/v2/summary.json",
        "alerts" => "/va/prometheus/api/v1/rules",
        _ => throw new ArgumentOutOfRangeException(nameof(check), check, "not a check of this desk"),
    };
}
