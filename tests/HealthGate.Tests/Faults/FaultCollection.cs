namespace HealthGate.Tests.Faults;

/// <summary>
/// The fault rows run alone, after every parallel class and one at a time: each measures its run and
/// <c>/health/live</c>, and a neighbour's load would blur what is the gate's own time.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class FaultCollection : ICollectionFixture<FaultDesk>
{
    public const string Name = "Faults";
}
