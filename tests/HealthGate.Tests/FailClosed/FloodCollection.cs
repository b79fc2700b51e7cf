namespace HealthGate.Tests.FailClosed;

/// <summary>
/// The connection floods run alone, after every parallel class: thousands of sockets and a process short of
/// descriptors would blur a neighbour's timings, and a neighbour's load would blur the probes measured here.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FloodCollection
{
    public const string Name = "Floods";
}
