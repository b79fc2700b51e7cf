using System.Text;
using HealthGate.Checks;
using HealthGate.Checks.Exchange;
using HealthGate.Checks.Risk;
using HealthGate.Contracts;
using HealthGate.Overrides;
using HealthGate.Preflight;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// The fail-closed rules over many generated inputs, without a host: risk levels, clock readings and approver
/// names. A fixed seed, so a failure names the input and reproduces.
/// </summary>
public sealed class FailClosedPropertyTests
{
    private const int Seed = 20261201;

    // Pieces a generated level is made of: ASCII letters of the allowed levels in both cases, whitespace of
    // every kind, invisible characters, and look-alikes (Cyrillic, Greek, full-width, dotless i, Kelvin sign).
    private static readonly string[] Pieces =
    [
        "N", "n", "O", "o", "R", "r", "M", "m", "A", "a", "L", "l", "E", "e", "V", "v", "D", "d", "C", "c", "I", "i", "T", "t",
        " ", "\t", "\n", "\u00A0", "\u2007", "\u3000", "\u200B", "\u200C", "\u200D", "\u2060", "\uFEFF", "\u00AD", "\u0000",
        "\u041E", "\u039D", "\u0421", "\uFF2E", "\uFF4F", "\u0131", "\u212A", "\u0301", "_", "-", "NORMAL", "normal", "ELEVATED", "CRITICAL",
    ];

    private static readonly RiskLevelPolicy Policy = new(["NORMAL", "CALM"], ["ELEVATED"], ["HALT"]);

    [Fact]
    public void OnlyAnAllowedLevelInAsciiCaseVariantsIsHealthyAmongTenThousandGeneratedLevels()
    {
        var random = new Random(Seed);
        for (var i = 0; i < 10_000; i++)
        {
            var level = Generate(random);
            var (status, reason) = Policy.Classify(level);

            // The oracle: ASCII only, and equal to a listed level ignoring case.
            var ascii = level.All(char.IsAscii);
            var allowed = ascii && Policy.Allowed.Any(a => string.Equals(a, level, StringComparison.OrdinalIgnoreCase));
            var degraded = ascii && Policy.Degraded.Any(a => string.Equals(a, level, StringComparison.OrdinalIgnoreCase));
            var blocking = ascii && Policy.Blocking.Any(a => string.Equals(a, level, StringComparison.OrdinalIgnoreCase));
            var shown = Escape(level);
            Assert.True((status == HealthStatus.Healthy) == allowed, $"level {shown} was {status}");
            Assert.True((status == HealthStatus.Degraded) == degraded, $"level {shown} was {status}");
            Assert.True((reason == Reasons.RiskCritical) == blocking, $"level {shown} was {reason}");
            if (!allowed && !degraded && !blocking)
            {
                Assert.Equal((HealthStatus.Unhealthy, Reasons.UnknownRiskLevel), (status, reason));
            }
        }
    }

    [Theory]
    [InlineData("NORMAL")]
    [InlineData("normal")]
    [InlineData("NoRmAl")]
    [InlineData("calm")]
    public void AsciiCaseVariantsOfAnAllowedLevelAreHealthy(string level) =>
        Assert.Equal((HealthStatus.Healthy, Reasons.Ok), Policy.Classify(level));

    public static TheoryData<int> Skews => [.. Enumerable.Range(-30, 61).Select(i => i * 50)];

    [Theory]
    [MemberData(nameof(Skews))]
    public void AClockReadingPassesOnlyWhenItsBoundHoldsSoATrueSkewOverTheLimitNeverPasses(int trueSkewMs)
    {
        const double max = 1000;
        foreach (var rtt in new[] { 0.0, 0.5, 3, 40, 250, 900, 1500, 2500, 6000 })
        {
            foreach (var position in new[] { 0.0, 0.1, 0.25, 0.5, 0.75, 0.9, 1.0 })
            {
                // Our clock: sent at t0, answered at t0 + rtt; the server stamped its own clock somewhere inside.
                var t0 = 1_764_000_000_000.0;
                var server = t0 + (position * rtt) + trueSkewMs;
                var sample = new ClockSample(t0, t0 + rtt, server);

                Assert.Equal(sample.BoundMs <= max, sample.IsWithin(max));
                Assert.True(sample.BoundMs >= Math.Abs(trueSkewMs) - 1e-6, $"bound {sample.BoundMs} below the true skew {trueSkewMs} (rtt {rtt}, at {position})");
                if (sample.IsWithin(max))
                {
                    Assert.True(Math.Abs(trueSkewMs) <= max, $"skew {trueSkewMs} ms passed (rtt {rtt}, stamped at {position})");
                }
            }
        }
    }

    private static string Generate(Random random)
    {
        var builder = new StringBuilder();
        for (var n = random.Next(0, 5); n >= 0; n--)
        {
            builder.Append(Pieces[random.Next(Pieces.Length)]);
        }

        return builder.ToString();
    }

    /// <summary>The same person written another way: case, padding, full-width letters, a composed or decomposed accent.</summary>
    private static string Variant(string name, Random random)
    {
        var builder = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD))
        {
            var letter = random.Next(3) == 0 ? char.ToUpperInvariant(c) : c;
            builder.Append(char.IsAsciiLetter(letter) && random.Next(4) == 0 ? (char)(letter + 0xFEE0) : letter);
        }

        var text = random.Next(2) == 0 ? builder.ToString() : builder.ToString().Normalize(NormalizationForm.FormC);
        return new string(' ', random.Next(3)) + text + new string(' ', random.Next(3));
    }

    private static string Escape(string s) => string.Concat(s.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));
}
