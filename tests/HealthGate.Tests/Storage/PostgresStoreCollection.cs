namespace HealthGate.Tests.Storage;

/// <summary>One real PostgreSQL server for the store tests; each test works in a schema of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresStoreCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL store";
}
