using HealthGate.Storage;

namespace HealthGate.Tests.Notify;

public sealed class SqliteOutboxStoreTests : OutboxStoreContract, IDisposable
{
    private readonly TempDirectory _data = new();

    internal override SqlGateStore CreateStore(string desk = "emea") =>
        new SqliteGateStore($"Data Source={Path.Combine(_data.Path, "gate.db")}", Clock, desk: desk);

    public void Dispose() => _data.Dispose();
}
