using System.Diagnostics;
using HealthGate.Replication;
using HealthGate.Tests.Overrides;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace HealthGate.Tests.Replication;

/// <summary>In-process replicas of one desk on one PostgreSQL database, and the means to cut their listeners.</summary>
internal static class PostgresReplicas
{
    public static GateScenario Start(HttpStandIn standIn, string database, Action<IServiceCollection>? services = null) => new(
        standIn,
        GateScenario.People(("Storage:Provider", "postgres"), ("Storage:ConnectionString", database), ("Readiness:PeriodSeconds", 3600)),
        services);

    public static async Task<ReplicaListener> WaitListeningAsync(GateScenario replica)
    {
        ArgumentNullException.ThrowIfNull(replica);
        var listener = replica.Services.GetRequiredService<ReplicaListener>();
        await WaitAsync(() => Task.FromResult(listener.ListenerPid is not null), "the replica listens");
        return listener;
    }

    /// <summary>Ends the backend <paramref name="pid"/> as an administrator would (<c>pg_terminate_backend</c>).</summary>
    public static async Task TerminateAsync(string database, int pid)
    {
        await using var connection = new NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", connection);
        command.Parameters.AddWithValue("pid", pid);
        Assert.Equal(true, await command.ExecuteScalarAsync());
    }

    public static async Task WaitAsync(Func<Task<bool>> condition, string what)
    {
        ArgumentNullException.ThrowIfNull(condition);
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(deadline.Elapsed < TimeSpan.FromSeconds(20), $"timed out waiting until {what}");
            await Task.Delay(20);
        }
    }
}
