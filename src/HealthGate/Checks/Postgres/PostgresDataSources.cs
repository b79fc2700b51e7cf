using System.Collections.Concurrent;
using Npgsql;

namespace HealthGate.Checks.Postgres;

/// <summary>One pooled <see cref="NpgsqlDataSource"/> per connection string, so a check never pays connection set-up.</summary>
internal sealed class PostgresDataSources : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, NpgsqlDataSource> _sources = new(StringComparer.Ordinal);

    public NpgsqlDataSource Get(PostgresCheckOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return _sources.GetOrAdd(options.ToClientConnectionString(), NpgsqlDataSource.Create);
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var source in _sources.Values)
        {
            await source.DisposeAsync();
        }
    }
}
