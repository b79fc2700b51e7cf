namespace HealthGate.Cli.Tests.Infrastructure;

/// <summary>One PostgreSQL server for the classes that need one; each test works in a database of its own.</summary>
[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}
