using Npgsql;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// The two desks whose store the rows break, each started on first use: SQLite on a 16 MiB tmpfs, and PostgreSQL on a
/// server of its own (rows stop and pause it; the assembly's shared server is never touched). One stand-in serves both.
/// </summary>
public sealed class StoreDesks : IAsyncLifetime
{
    private readonly SemaphoreSlim _starting = new(1, 1);
    private StoreDesk? _sqlite;
    private StoreDesk? _postgresDesk;

    public HttpStandIn StandIn { get; } = new();

    public PostgresServer Postgres { get; } = new();

    public TmpfsMount? Tmpfs { get; private set; }

    public Task InitializeAsync() => StandIn.InitializeAsync();

    public async Task<StoreDesk> SqliteOnTmpfsAsync()
    {
        await _starting.WaitAsync();
        try
        {
            if (_sqlite is null)
            {
                Tmpfs = await TmpfsMount.MountAsync(sizeMiB: 16);
                _sqlite = await StoreDesk.StartAsync(StandIn, "sqlite", "sqlite", $"Data Source={Path.Combine(Tmpfs.Path, "healthgate.db")}");
            }

            return _sqlite;
        }
        finally
        {
            _starting.Release();
        }
    }

    public async Task<StoreDesk> PostgresAsync()
    {
        await _starting.WaitAsync();
        try
        {
            if (_postgresDesk is null)
            {
                await Postgres.InitializeAsync();
                var database = await Postgres.CreateDatabaseAsync();

                // Bounded connects, so a stopped or paused server costs each write its timeout, not the driver's 15 s.
                var connectionString = new NpgsqlConnectionStringBuilder(database) { Timeout = 3 }.ConnectionString;
                _postgresDesk = await StoreDesk.StartAsync(StandIn, "postgres", "postgres", connectionString);
            }

            return _postgresDesk;
        }
        finally
        {
            _starting.Release();
        }
    }

    public async Task DisposeAsync()
    {
        if (_sqlite is not null)
        {
            await _sqlite.DisposeAsync();
        }

        if (_postgresDesk is not null)
        {
            await _postgresDesk.DisposeAsync();
        }

        if (Tmpfs is not null)
        {
            await Tmpfs.DisposeAsync();
        }

        await Postgres.DisposeAsync();
        await StandIn.DisposeAsync();
        _starting.Dispose();
    }
}
