using System.Globalization;
using System.Text.Json.Nodes;
using HealthGate.Cli.Tests.Infrastructure;
using Xunit.Abstractions;

namespace HealthGate.Cli.Tests.Preflight;

/// <summary>
/// Generated answers (fixed seed): a coherent GO mutated at random (times, validity, counts, configuration, verdict,
/// and what reading the run back gives), each run through the CLI against a scripted gate. The expected exit code is
/// computed here from the design's rules alone: only a coherent, fresh GO read back unchanged exits 0 or 3.
/// </summary>
public sealed class GoAcceptancePropertyTests(HttpStandInFixture fixture, ITestOutputHelper output) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private const int Seed = 20261122;
    private const int Cases = 240;

    private static readonly string[] Tiers = ["P0", "P1", "P2"];
    private static readonly string[] Tokens = ["PASS", "P2_WARN", "P1_FAIL", "P0_FAIL"];

    private readonly TempDirectory _reports = new();

    private enum ReadBack
    {
        Unchanged,
        NotFound,
        ServerError,
        Garbage,
        OtherVerdict,
        OtherMode,
        OtherConfigHash,
        NoConfigHash,
        OtherRunId,
        OtherStart,
        OtherExpiry,
        OtherCheck,
        OtherStatus,
    }

    public void Dispose() => _reports.Dispose();

    [Fact]
    public async Task OnlyACoherentFreshGoReadBackUnchangedExitsWithAGoCodeAmongGeneratedAnswers()
    {
        var random = new Random(Seed);
        var now = DateTimeOffset.FromUnixTimeMilliseconds(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        var wrong = new List<string>();
        var (accepted, refusedGo, other) = (0, 0, 0);
        for (var i = 0; i < Cases; i++)
        {
            var generated = Generate(random, now, i);
            var gate = new FakeGate(fixture.StandIn).AnswerPreflight(generated.Answer.ToJsonString());
            ApplyReadBack(gate, generated);

            var result = await new CliRun { Time = new ManualClock(now) }.RunAsync(
                ["preflight", "--mode", "live", "--url", gate.Url, "--report-dir", _reports.Path, "--non-interactive", "--yes", .. generated.Args]);

            if (result.ExitCode != generated.Expected)
            {
                wrong.Add($"case {i} ({generated.Story}): expected {generated.Expected}, got {result.ExitCode}; {result.Error.Trim()}\n  {generated.Answer.ToJsonString()}");
            }
            else if (generated.Expected is 0 or 3 && gate.RunReads.Count != 1)
            {
                wrong.Add($"case {i} ({generated.Story}): a GO exited {result.ExitCode} after {gate.RunReads.Count} read-backs");
            }

            if (generated.Expected is 0 or 3)
            {
                accepted++;
            }
            else if (generated.IsCoherentGo)
            {
                refusedGo++;
            }
            else
            {
                other++;
            }
        }

        output.WriteLine($"{Cases} generated answers (seed {Seed}): {accepted} GOs accepted, {refusedGo} coherent GOs refused, {other} NO-GOs or incoherent verdicts");
        Assert.True(wrong.Count == 0, $"{wrong.Count} of {Cases} generated answers:\n{string.Join("\n", wrong.Take(10))}");

        // The property is not vacuous: every kind of answer was generated many times.
        Assert.True(accepted >= 30, $"only {accepted} accepted GOs were generated");
        Assert.True(refusedGo >= 60, $"only {refusedGo} refused GOs were generated");
        Assert.True(other >= 10, $"only {other} NO-GOs or incoherent verdicts were generated");
    }

    private static Generated Generate(Random random, DateTimeOffset now, int index)
    {
        var story = new List<string>();
        var args = new List<string>();

        var toleranceMs = 2000;
        if (random.NextDouble() < 0.25)
        {
            var seconds = new[] { 0, 0.5, 5 }[random.Next(3)];
            toleranceMs = (int)(seconds * 1000);
            args.AddRange(["--clock-tolerance", seconds.ToString(CultureInfo.InvariantCulture)]);
        }

        var maxTtlMs = 300_000L;
        if (random.NextDouble() < 0.25)
        {
            var seconds = new[] { 30, 60, 600 }[random.Next(3)];
            maxTtlMs = seconds * 1000L;
            args.AddRange(["--max-verdict-ttl", seconds.ToString(CultureInfo.InvariantCulture)]);
        }

        var checks = Enumerable.Range(0, random.Next(1, 5)).Select(k => (
            Name: $"check-{k}",
            Tier: Tiers[random.Next(3)],
            Status: random.NextDouble() switch { < 0.75 => "Healthy", < 0.94 => "Degraded", _ => "Unhealthy" })).ToList();
        var coherent = Verdicts.Decide(checks.Select(c => (c.Tier, c.Status))).Token();
        var token = coherent;
        if (random.NextDouble() < 0.08)
        {
            token = Tokens[random.Next(Tokens.Length)];
            story.Add($"verdict {token} for checks making {coherent}");
        }

        var started = Timestamp(random, now, toleranceMs, story);
        var expires = Expiry(random, started ?? now, maxTtlMs, story);
        var (summary, summaryRight) = Summary(random, checks, story);
        var hash = random.NextDouble() switch { < 0.04 => null, < 0.07 => "", _ => $"{random.Next(0x1000000):x6}{random.Next(0x1000000):x6}" };
        string? expected = null;
        if (random.NextDouble() < 0.25)
        {
            expected = random.NextDouble() < 0.75 && hash is { Length: > 0 } ? hash : "0123456789abcdef";
            args.AddRange(["--expect-config-hash", expected]);
        }

        var readBack = random.NextDouble() < 0.65 ? ReadBack.Unchanged : (ReadBack)random.Next(1, Enum.GetValues<ReadBack>().Length);
        var runId = $"01JPROPERTY{index:D6}";
        var answer = new JsonObject
        {
            ["runId"] = runId,
            ["mode"] = "live",
            ["verdict"] = token,
            ["exitCode"] = Array.IndexOf(Tokens, token) switch { 0 => 0, 1 => 3, 2 => 2, _ => 1 },
            ["durationMs"] = Math.Round(random.NextDouble() * 500, 1),
            ["checks"] = new JsonArray([.. checks.Select(c => (JsonNode)new JsonObject
            {
                ["name"] = c.Name, ["type"] = "http", ["tier"] = c.Tier, ["status"] = c.Status,
                ["durationMs"] = 1.5, ["reason"] = c.Status == "Healthy" ? "ok" : "unexpected_status", ["description"] = "", ["data"] = new JsonObject(),
            })]),
        };
        Put(answer, "startedAt", started, random);
        Put(answer, "expiresAt", expires, random);
        if (summary is not null)
        {
            answer["summary"] = summary;
        }

        if (hash is not null)
        {
            answer["configHash"] = hash;
        }

        story.Add($"read-back {readBack}");

        // The design's rules, stated here on their own: what the CLI must do with this answer.
        var isGo = token is "PASS" or "P2_WARN";
        var expired = expires is { } e && e <= now;
        var fresh = started is { } s && expires is { } x
            && s >= now.AddMilliseconds(-toleranceMs) && s <= now.AddMilliseconds(toleranceMs)
            && x > s && (x - s).TotalMilliseconds <= maxTtlMs;
        var named = hash is { Length: > 0 } && (expected is null || expected == hash);
        var exit = Array.IndexOf(Tokens, token) switch { 0 => 0, 1 => 3, 2 => 2, _ => 1 };
        var expectedExit = token != coherent || expired ? 1
            : !isGo ? exit
            : fresh && summaryRight && named && readBack == ReadBack.Unchanged ? exit
            : 1;
        return new Generated(answer, readBack, [.. args], expectedExit, isGo && token == coherent, string.Join(", ", story));
    }

    private static DateTimeOffset? Timestamp(Random random, DateTimeOffset now, int toleranceMs, List<string> story)
    {
        var roll = random.NextDouble();
        if (roll < 0.08)
        {
            story.Add("no startedAt");
            return null;
        }

        long offsetMs = roll switch
        {
            < 0.45 => random.NextInt64(-toleranceMs, toleranceMs + 1),
            < 0.65 => random.NextInt64((-3 * toleranceMs) - 1000, (3 * toleranceMs) + 1001),
            < 0.78 => new[] { -toleranceMs, toleranceMs, -toleranceMs - 1, toleranceMs + 1 }[random.Next(4)],
            < 0.88 => (random.Next(2) == 0 ? -1 : 1) * random.NextInt64(1, 3000) * 86_400_000L,
            _ => 0,
        };
        story.Add($"started {offsetMs} ms from now");
        return now.AddMilliseconds(offsetMs);
    }

    private static DateTimeOffset? Expiry(Random random, DateTimeOffset started, long maxTtlMs, List<string> story)
    {
        var roll = random.NextDouble();
        if (roll < 0.08)
        {
            story.Add("no expiresAt");
            return null;
        }

        var ttlMs = roll switch
        {
            < 0.55 => random.NextInt64(1, maxTtlMs + 1),
            < 0.65 => maxTtlMs + random.Next(2),
            < 0.78 => random.NextInt64(maxTtlMs + 1, 100 * maxTtlMs),
            < 0.88 => random.NextInt64(-60_000, 1),
            _ => random.NextInt64(1, 5000),
        };
        story.Add($"valid {ttlMs} ms");
        return started.AddMilliseconds(ttlMs);
    }

    /// <summary>The counts, each right or wrong at random; the second value says whether all four are right.</summary>
    private static (JsonObject? Summary, bool Right) Summary(Random random, List<(string Name, string Tier, string Status)> checks, List<string> story)
    {
        if (random.NextDouble() < 0.04)
        {
            story.Add("no summary");
            return (null, false);
        }

        var summary = new JsonObject();
        var right = true;
        foreach (var (field, count) in new[]
        {
            ("total", checks.Count),
            ("healthy", checks.Count(c => c.Status == "Healthy")),
            ("degraded", checks.Count(c => c.Status == "Degraded")),
            ("unhealthy", checks.Count(c => c.Status == "Unhealthy")),
        })
        {
            var roll = random.NextDouble();
            if (roll < 0.06)
            {
                summary[field] = count + (random.Next(2) == 0 ? -1 : 1) * random.Next(1, 4);
            }
            else if (roll < 0.08)
            {
                summary[field] = count.ToString(CultureInfo.InvariantCulture);
            }
            else if (roll < 0.09)
            {
                continue;
            }
            else
            {
                summary[field] = count;
                continue;
            }

            right = false;
            story.Add($"summary.{field} wrong");
        }

        return (summary, right);
    }

    /// <summary>Absent stays absent; a present timestamp is written, rarely as JSON null (which means none).</summary>
    private static void Put(JsonObject json, string field, DateTimeOffset? value, Random random)
    {
        if (value is { } v)
        {
            json[field] = Timestamps.ToText(v);
        }
        else if (random.Next(2) == 0)
        {
            json[field] = null;
        }
    }

    private static void ApplyReadBack(FakeGate gate, Generated generated)
    {
        var runId = generated.Answer["runId"]!.GetValue<string>();
        var recorded = generated.Answer.Copy();
        switch (generated.ReadBack)
        {
            case ReadBack.Unchanged:
                return;
            case ReadBack.NotFound:
                gate.AnswerRun(runId, 404, """{"title":"Unknown run"}""");
                return;
            case ReadBack.ServerError:
                gate.AnswerRun(runId, 500, "");
                return;
            case ReadBack.Garbage:
                gate.AnswerRun(runId, 200, "{\"runId\":", "text/plain");
                return;
            case ReadBack.OtherVerdict:
                var other = recorded["verdict"]!.GetValue<string>() == "PASS" ? "P2_WARN" : "PASS";
                recorded.With("verdict", other).With("exitCode", other == "PASS" ? 0 : 3);
                break;
            case ReadBack.OtherMode:
                recorded.With("mode", "paper");
                break;
            case ReadBack.OtherConfigHash:
                recorded.With("configHash", "ffffffffffffffff");
                break;
            case ReadBack.NoConfigHash:
                recorded.Without("configHash");
                if (!generated.Answer.ContainsKey("configHash"))
                {
                    recorded.With("configHash", "ffffffffffffffff");
                }

                break;
            case ReadBack.OtherRunId:
                recorded.With("runId", runId + "X");
                break;
            case ReadBack.OtherStart:
                recorded.With("startedAt", Shifted(recorded["startedAt"], TimeSpan.FromMilliseconds(1)));
                break;
            case ReadBack.OtherExpiry:
                recorded.With("expiresAt", Shifted(recorded["expiresAt"], TimeSpan.FromSeconds(1)));
                break;
            case ReadBack.OtherCheck:
                recorded["checks"]![0]!["name"] = "renamed";
                break;
            case ReadBack.OtherStatus:
                // Healthy ↔ Degraded on a P2 check keeps the recorded run coherent or not; either way it is not the one answered.
                var check = recorded["checks"]![0]!;
                check["status"] = check["status"]!.GetValue<string>() == "Healthy" ? "Degraded" : "Healthy";
                break;
        }

        gate.AnswerRun(runId, 200, recorded.ToJsonString());
    }

    private static string Shifted(JsonNode? timestamp, TimeSpan by) =>
        timestamp?.GetValue<string>() is { } text && Timestamps.TryParse(text, out var t)
            ? Timestamps.ToText(t + by)
            : "2026-01-01T00:00:00.000Z";

    private sealed record Generated(JsonObject Answer, ReadBack ReadBack, string[] Args, int Expected, bool IsCoherentGo, string Story);
}
