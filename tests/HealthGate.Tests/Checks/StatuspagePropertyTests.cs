using System.Text.Json;
using System.Text.Json.Nodes;
using HealthGate.Checks;
using HealthGate.Checks.Venue;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Tests.Checks;

/// <summary>
/// The Statuspage rules over generated summaries, without a host: pages of components and groups in every status,
/// indicators, incidents and maintenances around the gate's clock, read with and without a <c>Components</c> list.
/// A fixed seed, so a failure names the page and reproduces.
/// </summary>
public sealed class StatuspagePropertyTests
{
    private const int Seed = 20261201;
    private const int Pages = 5000;
    private static readonly DateTimeOffset Now = VenueAnswers.Now;
    private static readonly string[] ComponentStatuses = ["operational", "operational", "operational", "degraded_performance", "partial_outage", "major_outage", "under_maintenance"];
    private static readonly string[] Indicators = ["none", "none", "none", "minor", "major", "critical", "maintenance"];
    private static readonly string[] Impacts = ["none", "minor", "major", "critical"];
    private static readonly string[] IncidentStatuses = ["investigating", "identified", "monitoring", "resolved", "postmortem"];

    [Fact]
    public void NoPageWithACountedComponentThatIsNotOperationalIsEverHealthy()
    {
        var random = new Random(Seed);
        var (notOperational, healthy) = (0, 0);
        for (var i = 0; i < Pages; i++)
        {
            var page = GeneratedPage.Create(random);
            var result = Judge(page);

            if (page.Counted.Any(c => c.Status != "operational"))
            {
                notOperational++;
                Assert.True(result.Status != HealthStatus.Healthy, $"page {i} was Healthy with a counted component not operational:\n{page}");
            }

            // The converse, so a check that is never Healthy cannot pass this test: a page with nothing wrong is open.
            var quiet = page.Indicator == "none" && page.Counted.All(c => c.Status == "operational") && !page.HasOpenImpact && !page.HasMaintenanceNear(Now);
            Assert.True((result.Status == HealthStatus.Healthy) == quiet, $"page {i} was {result.Status} ({result.Data[CheckOutcome.ReasonKey]}: {result.Description}):\n{page}");
            healthy += quiet ? 1 : 0;
        }

        // The generator must cover both sides, or the loop above proves little.
        Assert.True(notOperational > Pages / 4 && healthy > Pages / 50, $"{notOperational} pages with a counted component down, {healthy} quiet pages");
    }

    [Fact]
    public void AnOutageOfACountedComponentIsAlwaysUnhealthyAndNeverMerelyDegraded()
    {
        var random = new Random(Seed + 1);
        for (var i = 0; i < Pages; i++)
        {
            var page = GeneratedPage.Create(random);
            if (page.Counted.Any(c => c.Status is "partial_outage" or "major_outage" or "under_maintenance"))
            {
                var result = Judge(page);
                Assert.True(result.Status == HealthStatus.Unhealthy, $"page {i} was {result.Status}:\n{page}");
            }
        }
    }

    private static HealthCheckResult Judge(GeneratedPage page)
    {
        using var document = JsonDocument.Parse(page.Json);
        return StatuspageSummary.Judge(document.RootElement, new VenueRules(Now, TimeSpan.FromSeconds(120), TimeSpan.FromMinutes(30), page.Configured), []);
    }

    /// <summary>One generated summary, and what the generator knows about it: which components count.</summary>
    private sealed record GeneratedPage(string Json, string Indicator, string[] Configured, GeneratedComponent[] Counted, bool HasOpenImpact, (string Status, DateTimeOffset From, DateTimeOffset Until)[] Maintenances)
    {
        public bool HasMaintenanceNear(DateTimeOffset now) => Maintenances.Any(m =>
            m.Status is "in_progress" or "verifying"
            || (m.Status == "scheduled" && m.From <= now.AddMinutes(30) && m.Until > now));

        public override string ToString() => $"Components = [{string.Join(", ", Configured)}]\n{Json}";

        public static GeneratedPage Create(Random random)
        {
            var components = new List<GeneratedComponent>();
            var groups = random.Next(0, 3);
            for (var g = 0; g < groups; g++)
            {
                var members = Enumerable.Range(0, random.Next(1, 4)).Select(m => new GeneratedComponent($"m{g}{m}", $"Member {g}.{m}", Pick(random, ComponentStatuses), $"g{g}", [])).ToArray();
                components.Add(new GeneratedComponent($"g{g}", $"Group {g}", Pick(random, ComponentStatuses), null, [.. members.Select(m => m.Id)]));
                components.AddRange(members);
            }

            components.AddRange(Enumerable.Range(0, random.Next(0, 4)).Select(c => new GeneratedComponent($"c{c}", $"Component {c}", Pick(random, ComponentStatuses), null, [])));

            // Half the pages count everything; the rest list a few entries, by name or by id.
            var listed = random.Next(2) == 0 || components.Count == 0 ? [] : components.Where(_ => random.Next(3) == 0).ToArray();
            string[] configured = [.. listed.Select(c => random.Next(2) == 0 ? c.Name : c.Id)];
            var counted = configured.Length == 0
                ? [.. components]
                : components.Where(c => listed.Contains(c) || listed.Any(l => l.Members.Length > 0 && l.Members.Contains(c.Id))).ToArray();

            var indicator = Pick(random, Indicators);
            var incidents = Enumerable.Range(0, random.Next(0, 3)).Select(_ => (Status: Pick(random, IncidentStatuses), Impact: Pick(random, Impacts))).ToArray();
            var maintenances = Enumerable.Range(0, random.Next(0, 3)).Select(_ =>
            {
                var from = Now.AddMinutes(random.Next(-180, 180));
                return (Status: Pick(random, ["scheduled", "scheduled", "in_progress", "verifying", "completed"]), From: from, Until: from.AddMinutes(random.Next(0, 120)));
            }).ToArray();

            var json = new JsonObject
            {
                ["page"] = new JsonObject { ["id"] = "p", ["name"] = "Generated", ["updated_at"] = "2026-12-01T09:00:00Z" },
                ["status"] = new JsonObject { ["indicator"] = indicator, ["description"] = indicator },
                ["components"] = new JsonArray([.. components.Select(c => c.ToJson())]),
                ["incidents"] = new JsonArray([.. incidents.Select((x, n) => new JsonObject { ["name"] = $"Incident {n}", ["status"] = x.Status, ["impact"] = x.Impact })]),
                ["scheduled_maintenances"] = new JsonArray([.. maintenances.Select((m, n) => new JsonObject
                {
                    ["name"] = $"Maintenance {n}",
                    ["status"] = m.Status,
                    ["scheduled_for"] = Timestamps.ToText(m.From),
                    ["scheduled_until"] = Timestamps.ToText(m.Until),
                })]),
            };
            var openImpact = incidents.Any(x => x.Status is not ("resolved" or "postmortem") && x.Impact != "none");
            return new GeneratedPage(json.ToJsonString(), indicator, configured, counted, openImpact, maintenances);
        }

        private static string Pick(Random random, string[] items) => items[random.Next(items.Length)];
    }

    private sealed record GeneratedComponent(string Id, string Name, string Status, string? GroupId, string[] Members)
    {
        public JsonObject ToJson()
        {
            var json = new JsonObject { ["id"] = Id, ["name"] = Name, ["status"] = Status, ["group"] = Members.Length > 0, ["group_id"] = GroupId };
            if (Members.Length > 0)
            {
                json["components"] = new JsonArray([.. Members.Select(m => JsonValue.Create(m))]);
            }

            return json;
        }
    }
}
