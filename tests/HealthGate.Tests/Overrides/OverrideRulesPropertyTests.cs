using HealthGate.Overrides;
using HealthGate.Storage;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// The two-person rule as a property of <see cref="OverrideRules"/>, over generated desks (people with any roles,
/// service keys), generated policies and generated sequences of decisions and uses by any caller, the requester and
/// the service keys included. Seeded, so a failure names the case that reproduces it.
/// </summary>
public sealed class OverrideRulesPropertyTests
{
    private const int Cases = 500;
    private const long Id = 1;
    private const string ConfigHash = "cfg-1";

    private static readonly string[] RolePool = ["risk-manager", "cto", "team-lead", "operator", "compliance"];
    private static readonly string[] ServiceKeys = ["ops", "ci"];
    private static readonly DateTimeOffset Start = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(30);

    [Fact]
    public void AnOverrideIsApprovedOnlyWhenEveryRoleIsFilledByADistinctHolderOtherThanTheRequesterAndNeverByAServiceKey()
    {
        var outcomes = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var seed = 0; seed < Cases; seed++)
        {
            var final = RunCase(seed);
            outcomes[final] = outcomes.GetValueOrDefault(final) + 1;
        }

        // The generator must reach every end often enough for the properties above to have been tried on it.
        foreach (var state in OverrideStates.All)
        {
            Assert.True(outcomes.GetValueOrDefault(state) >= Cases / 25, $"only {outcomes.GetValueOrDefault(state)} of {Cases} cases ended {state}: {string.Join(", ", outcomes)}");
        }
    }

    /// <summary>One generated desk, policy and sequence of calls; asserts after every call; returns the final state.</summary>
    private static string RunCase(int seed)
    {
        var random = new Random(seed);
        var desk = Desk.Generate(random);
        var policy = RolePool.OrderBy(_ => random.Next()).Take(random.Next(1, 4)).ToArray();
        var requester = random.Next(4) == 0 ? desk.Services[random.Next(desk.Services.Length)] : desk.People[random.Next(desk.People.Length)];
        var request = new OverrideRequest(OverrideRequest.SkipHealthCheck, "live", null, null, null, "reason", "T-1", "impact", "mitigation");
        var current = OverrideRules.Draft(request, "live", requester, null, ConfigHash, policy, Start, Window) with { Id = Id };
        var now = Start;
        var steps = random.Next(1, 16);
        for (var step = 0; step < steps; step++)
        {
            var context = $"seed {seed}, step {step}: policy [{string.Join(", ", policy)}], requester {requester.Id} ({requester.Kind}), {desk}";
            now += random.Next(20) == 0 ? Window : TimeSpan.FromSeconds(random.Next(1, 90));
            var caller = random.Next(6) == 0 ? requester : desk.Any(random);
            var before = current;
            OverrideChange<OverrideOutcome> change;
            // Uses are tried more often once there is something to use, so the generator reaches "used" as well.
            if (random.Next(current.State == OverrideStates.Approved ? 2 : 5) == 0)
            {
                var hash = random.Next(10) == 0 ? "cfg-2" : ConfigHash;
                change = OverrideRules.Use(current, Id, caller, hash, launch: null, now);
                AssertUse(before, change, caller, hash, now, context);
            }
            else
            {
                var roles = desk.RolesOf(caller, random);
                var approve = random.Next(6) != 0;
                change = OverrideRules.Decide(current, Id, caller, roles, approve, "comment", now);
                AssertDecision(before, change, caller, roles, approve, now, context);
            }

            current = change.Updated ?? current;
            AssertInvariants(current, requester, desk, context);
        }

        return current.State;
    }

    private static void AssertDecision(OverrideRecord before, OverrideChange<OverrideOutcome> change, Actor caller, HashSet<string> roles, bool approve, DateTimeOffset now, string context)
    {
        AssertTerminalStaysPut(before, change, context);
        if (change.Updated is not { } updated)
        {
            Assert.True(change.Result is OverrideOutcome.Refused, $"{context}: no change but not refused either ({change.Result})");
            return;
        }

        if (updated.State == OverrideStates.Expired)
        {
            AssertExpiry(before, change, now, context);
            return;
        }

        Assert.True(now < before.ExpiresAt, $"{context}: a decision was taken after the window closed");
        Assert.True(caller.IsPerson, $"{context}: service key {caller.Id} decided");
        Assert.Equal(OverrideStates.Pending, before.State);
        Assert.Equal(before.Approvals.Count + 1, updated.Approvals.Count);
        var added = updated.Approvals[^1];
        Assert.Equal(change.NewApproval, added);
        Assert.Equal(caller, added.Person);
        if (approve)
        {
            Assert.True(added.Role is { } role && before.Awaiting.Contains(role) && roles.Contains(role), $"{context}: {caller.Id} filled '{added.Role}' (awaiting [{string.Join(", ", before.Awaiting)}], holds [{string.Join(", ", roles)}])");
        }
        else
        {
            Assert.Equal((OverrideStates.Rejected, null, OpLogEvents.Reject), (updated.State, added.Role, added.Decision));
            Assert.True(before.Required.Any(roles.Contains), $"{context}: {caller.Id} vetoed holding none of the policy's roles");
        }

        Assert.Contains(change.Entries, e => e.Kind == OpLogEvents.OverrideDecided && e.Who == caller);
    }

    private static void AssertUse(OverrideRecord before, OverrideChange<OverrideOutcome> change, Actor caller, string hash, DateTimeOffset now, string context)
    {
        AssertTerminalStaysPut(before, change, context);
        if (change.Updated is not { } updated)
        {
            Assert.True(change.Result is OverrideOutcome.Refused, $"{context}: no change but not refused either ({change.Result})");
            return;
        }

        if (updated.State == OverrideStates.Expired)
        {
            AssertExpiry(before, change, now, context);
            return;
        }

        Assert.Equal((OverrideStates.Approved, OverrideStates.Used), (before.State, updated.State));
        Assert.True(!caller.IsPerson || caller == before.RequestedBy, $"{context}: {caller.Id} used an override {before.RequestedBy.Id} requested");
        Assert.True(now < before.ExpiresAt, $"{context}: used after the window closed");
        Assert.Equal(ConfigHash, hash);
        Assert.Equal((caller, now), (updated.UsedBy, updated.UsedAt));
        Assert.Equal(before.Approvals, updated.Approvals);
        Assert.Equal(OpLogEvents.OverrideUsed, Assert.Single(change.Entries).Kind);
    }

    private static void AssertExpiry(OverrideRecord before, OverrideChange<OverrideOutcome> change, DateTimeOffset now, string context)
    {
        Assert.True(now >= before.ExpiresAt, $"{context}: expired before its window closed");
        Assert.True(before.State is OverrideStates.Pending or OverrideStates.Approved, $"{context}: a {before.State} override expired");
        Assert.True(change.Result is OverrideOutcome.Refused { Status: 409 }, $"{context}: the call on an expired override was not a 409 ({change.Result})");
        Assert.Equal(before.Approvals, change.Updated!.Approvals);
        Assert.Equal(OpLogEvents.OverrideExpired, Assert.Single(change.Entries).Kind);
    }

    /// <summary>Rejected, used and expired are final: nothing changes them again.</summary>
    private static void AssertTerminalStaysPut(OverrideRecord before, OverrideChange<OverrideOutcome> change, string context) =>
        Assert.True(before.State == OverrideStates.Pending || before.State == OverrideStates.Approved || change.Updated is null, $"{context}: a {before.State} override changed to {change.Updated?.State}");

    private static void AssertInvariants(OverrideRecord current, Actor requester, Desk desk, string context)
    {
        Assert.All(current.Approvals, a => Assert.True(a.Person.IsPerson && desk.IsPerson(a.Person.Id), $"{context}: {a.Person.Id} ({a.Person.Kind}) is among the decisions"));
        Assert.DoesNotContain(current.Approvals, a => a.Person == requester);
        Assert.Equal(current.Approvals.Count, current.Approvals.Select(a => a.Person.Id).Distinct(StringComparer.Ordinal).Count());
        var filled = current.Approvals.Where(a => a.Role is not null).ToArray();
        Assert.All(filled, a => Assert.True(current.Required.Contains(a.Role!) && desk.Holds(a.Person.Id, a.Role!), $"{context}: {a.Person.Id} filled '{a.Role}' without holding it"));
        Assert.Equal(filled.Length, filled.Select(a => a.Role).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(current.Required.Where(r => filled.All(a => a.Role != r)), current.Awaiting);
        Assert.True(current.Approvals.Count(a => a.Decision == OpLogEvents.Reject) == (current.State == OverrideStates.Rejected ? 1 : 0), $"{context}: {current.State} with its rejections");
        if (current.State is OverrideStates.Approved or OverrideStates.Used)
        {
            Assert.Empty(current.Awaiting);
            Assert.Equal(current.Required.Order(StringComparer.Ordinal), filled.Select(a => a.Role!).Order(StringComparer.Ordinal));
        }
        else if (current.State == OverrideStates.Pending)
        {
            Assert.NotEmpty(current.Awaiting);
        }
    }

    /// <summary>People with generated roles (some with none, some with several) and the service keys, whose roles are whatever a caller claims.</summary>
    private sealed record Desk(Actor[] People, Actor[] Services, Dictionary<string, HashSet<string>> Roles)
    {
        public static Desk Generate(Random random)
        {
            var people = Enumerable.Range(0, random.Next(2, 8)).Select(i => new Actor($"p{i}", $"Person {i}", Actor.Person)).ToArray();
            var roles = people.ToDictionary(p => p.Id, _ => RolePool.Where(_ => random.Next(100) < 35).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);
            return new Desk(people, [.. ServiceKeys.Select(k => new Actor(k, k, Actor.Service))], roles);
        }

        public Actor Any(Random random)
        {
            var index = random.Next(People.Length + Services.Length);
            return index < People.Length ? People[index] : Services[index - People.Length];
        }

        /// <summary>A person's configured roles; a service key claims any roles at all, which must not help it.</summary>
        public HashSet<string> RolesOf(Actor caller, Random random) =>
            caller.IsPerson ? Roles[caller.Id] : RolePool.Where(_ => random.Next(2) == 0).ToHashSet(StringComparer.Ordinal);

        public bool IsPerson(string id) => Roles.ContainsKey(id);

        public bool Holds(string id, string role) => Roles.TryGetValue(id, out var held) && held.Contains(role);

        public override string ToString() => string.Join("; ", Roles.Select(r => $"{r.Key} [{string.Join(", ", r.Value)}]"));
    }
}
