using HealthGate.Storage;
using HealthGate.Tests.Infrastructure;

namespace HealthGate.Tests.Notify;

[Collection(PostgresCollection.Name)]
public sealed class PostgresOutboxStoreTests(PostgresServer server) : OutboxStoreContract
{
    private string _schema = "";

    public override async Task InitializeAsync() => _schema = await server.CreateSchemaAsync();

    internal override SqlGateStore CreateStore(string desk = "emea") =>
        new PostgresGateStore($"{server.ConnectionString};Search Path={_schema}", Clock, desk: desk);
}
