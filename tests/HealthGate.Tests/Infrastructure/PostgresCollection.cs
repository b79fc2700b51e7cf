namespace HealthGate.Tests.Infrastructure;

/// <summary>
/// One PostgreSQL server for the whole assembly, shared by every class that needs one; each test works in a
/// database or schema of its own. The classes run one after another, so a test may pause the server (SIGSTOP)
/// without hanging another's queries.
/// </summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
