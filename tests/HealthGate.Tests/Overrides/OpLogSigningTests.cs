using System.Text;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using static HealthGate.Tests.Overrides.GateScenario;
using static HealthGate.Tests.Overrides.LifecycleTests;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// <c>Audit:SigningKey</c>: every entry <c>GET /oplog</c> serves carries an HMAC of its hash that verifies with the key
/// and with no other, and the key itself appears in no answer and no log line.
/// </summary>
public sealed class OpLogSigningTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private const string SigningKey = "oplog-signing-key-3f9a0c7d51e24b68";

    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task EveryEntryIsSignedWithTheKeyAndVerifiesWithItAndWithNoOther()
    {
        var logs = new CapturingLoggerProvider();
        await using var gate = new GateScenario(_standIn, People(("Audit:SigningKey", SigningKey)), services => services.AddSingleton<ILoggerProvider>(logs));
        var run = await gate.RunAsync("P1_FAIL");
        var id = (await CreatedAsync(await gate.RequestAsync(Request("force_start", "live", run), "olga"))).GetProperty("id").GetInt64();
        await OkAsync(await gate.DecideAsync(id, "approve", "jane"));
        await OkAsync(await gate.DecideAsync(id, "approve", "bob"));
        await OkAsync(await gate.UseAsync(id, "ops"));
        var rejected = (await CreatedAsync(await gate.RequestAsync(Request("skip_health_check", "live", null), "olga"))).GetProperty("id").GetInt64();
        await OkAsync(await gate.DecideAsync(rejected, "reject", "rita"));

        var log = await OpLogReader.ReadAllAsync(gate.Client);

        Assert.Equal(
            [OpLogEvents.PreflightFailure, OpLogEvents.OverrideRequested, OpLogEvents.OverrideDecided, OpLogEvents.OverrideDecided, OpLogEvents.OverrideApproved, OpLogEvents.OverrideUsed,
             OpLogEvents.OverrideRequested, OpLogEvents.OverrideDecided, OpLogEvents.OverrideRejected],
            log.Select(e => e.Kind));
        Assert.All(log, e => Assert.Equal(OpLogChain.Sign(e.Hash, Encoding.UTF8.GetBytes(SigningKey)), e.Signature));
        OpLogReader.AssertIntact(log, Encoding.UTF8.GetBytes(SigningKey));
        OpLogReader.AssertIntact(log); // the hash chain alone holds for an auditor without the key
        foreach (var other in new[] { SigningKey[..^1] + "9", SigningKey.ToUpperInvariant(), "another-signing-key-of-32-bytes!!" })
        {
            var verification = OpLogChain.Verify(log, Encoding.UTF8.GetBytes(other));
            Assert.False(verification.IsIntact);
            Assert.Equal(1, verification.BrokenAt);
        }

        // A re-hashed change keeps the chain but not the signature: only the key could have re-signed it.
        var rehashed = log.Select((e, i) => i == 3 ? OpLogChain.Seal(e with { Comment = "approved, honest" }, null) : e).ToArray();
        Assert.Equal(4, OpLogChain.Verify(rehashed, Encoding.UTF8.GetBytes(SigningKey)).BrokenAt);

        foreach (var path in new[] { "/config", "/oplog?limit=500", "/overrides?limit=500", $"/overrides/{id}", "/metrics", "/openapi/v1.json" })
        {
            Assert.DoesNotContain(SigningKey, await gate.Client.GetStringAsync(new Uri(path, UriKind.Relative)), StringComparison.Ordinal);
        }

        Assert.NotEmpty(logs.Entries);
        Assert.All(logs.Entries, entry =>
            Assert.DoesNotContain(SigningKey, entry.Message + " " + string.Join(" ", entry.Properties.Select(p => $"{p.Key}={p.Value}")), StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithoutASigningKeyEntriesAreChainedButNotSigned()
    {
        await using var gate = WithPeople(_standIn);
        await CreatedAsync(await gate.RequestAsync(Request("skip_health_check", "live", null), "olga"));

        var log = await OpLogReader.ReadAllAsync(gate.Client);

        Assert.All(log, e => Assert.Null(e.Signature));
        OpLogReader.AssertIntact(log);
        Assert.False(OpLogChain.Verify(log, Encoding.UTF8.GetBytes(SigningKey)).IsIntact);
    }
}
