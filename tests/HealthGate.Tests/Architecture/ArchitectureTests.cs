using HealthGate.Runs;
using Xunit.Abstractions;

namespace HealthGate.Tests.Architecture;

/// <summary>
/// The direction of docs/architecture.md, read from the built service: no two rooms use each other (directly or round
/// a loop), and the kernel, the engine and the run model use nothing above them.
/// </summary>
public sealed class ArchitectureTests(ITestOutputHelper output)
{
    /// <summary>What each lower room may use; a room not listed is a feature, held only by the no-cycle rule.</summary>
    private static readonly Dictionary<string, string[]> MayUseOnly = new(StringComparer.Ordinal)
    {
        ["Configuration"] = [],
        ["Secrets"] = [],
        ["Hosting"] = [],
        ["Checks"] = ["Configuration", "Secrets"],
        ["Runs"] = ["Checks", "Configuration", "Secrets"],
    };

    private static IReadOnlyDictionary<string, IReadOnlySet<string>> Service { get; } = RoomGraph.Of(typeof(RunId).Assembly);

    [Fact]
    public void NoRoomsUseEachOtherRoundALoop()
    {
        var cycles = RoomGraph.Cycles(Service);
        output.WriteLine(Describe(Service));

        Assert.True(cycles.Count == 0, $"rooms in a cycle: {string.Join("; ", cycles.Select(c => string.Join(", ", c)))}\n{Describe(Service)}");
    }

    [Fact]
    public void TheKernelTheEngineAndTheRunModelUseNothingAboveThem()
    {
        var forbidden = Forbidden(Service, MayUseOnly);

        Assert.True(forbidden.Count == 0, $"forbidden edges: {string.Join(", ", forbidden)}\n{Describe(Service)}");
    }

    [Fact]
    public void TheGraphSeesTheEdgesThatAreThere()
    {
        // Known edges, so a reader that sees nothing cannot pass the rules above.
        Assert.Contains("Checks", Service["Runs"]);
        Assert.Contains("Runs", Service["Preflight"]);
        Assert.Contains("Configuration", Service["Checks"]);
        Assert.Contains("Checks", Service["Health"]);
    }

    [Theory]
    [InlineData("A>B B>C C>A C>D D>E", "A,B,C")]
    [InlineData("A>B B>A C>D D>C", "A,B|C,D")]
    [InlineData("A>B B>C A>C", "")]
    [InlineData("A>B B>C C>D D>B", "B,C,D")]
    public void TheCycleFinderFindsEveryLoopAndNothingElse(string edges, string expected)
    {
        var cycles = RoomGraph.Cycles(Graph(edges));

        Assert.Equal(expected, string.Join("|", cycles.Select(c => string.Join(",", c)).Order(StringComparer.Ordinal)));
    }

    [Fact]
    public void AnEdgeFromALowerRoomToAFeatureIsForbidden()
    {
        var graph = Graph("Checks>Configuration Checks>Health Runs>Checks Preflight>Runs");

        Assert.Equal(["Checks -> Health"], Forbidden(graph, MayUseOnly));
    }

    [Theory]
    [InlineData("HealthGate.Checks.Redis", "Checks")]
    [InlineData("HealthGate.Runs", "Runs")]
    [InlineData("HealthGateX.Runs", null)]
    [InlineData("Microsoft.AspNetCore.Http.Generated", null)]
    public void ARoomIsTheNamespacesSecondSegment(string ns, string? room) => Assert.Equal(room, RoomGraph.RoomOf(ns));

    private static List<string> Forbidden(IReadOnlyDictionary<string, IReadOnlySet<string>> graph, Dictionary<string, string[]> mayUseOnly) =>
        [.. graph
            .Where(p => mayUseOnly.ContainsKey(p.Key))
            .SelectMany(p => p.Value.Where(used => !mayUseOnly[p.Key].Contains(used)).Select(used => $"{p.Key} -> {used}"))
            .Order(StringComparer.Ordinal)];

    private static Dictionary<string, IReadOnlySet<string>> Graph(string edges) =>
        edges.Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Select(e => e.Split('>'))
            .SelectMany(e => new[] { (From: e[0], To: (string?)e[1]), (From: e[1], To: null) })
            .GroupBy(e => e.From, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlySet<string>)g.Where(e => e.To is not null).Select(e => e.To!).ToHashSet(StringComparer.Ordinal), StringComparer.Ordinal);

    private static string Describe(IReadOnlyDictionary<string, IReadOnlySet<string>> graph) =>
        string.Join("\n", graph.Select(p => $"{p.Key} -> {string.Join(", ", p.Value)}"));
}
