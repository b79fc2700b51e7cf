using System.Diagnostics;
using Npgsql;

namespace HealthGate.Testing;

/// <summary>
/// A real PostgreSQL server for one test run: initdb into a temporary directory and a postmaster on a free
/// loopback port, as the <c>postgres</c> user when the tests run as root (PostgreSQL refuses root). One server per
/// test assembly (a collection fixture); each test works in a database or schema of its own.
/// </summary>
public sealed class PostgresServer : IAsyncLifetime
{
    public const string Password = "pg-Secret-7f3a";

    private readonly string _directory = Path.Combine(Path.GetTempPath(), $"healthgate-pg-{Guid.NewGuid():N}");
    private readonly string? _user = Binaries.IsRoot ? "postgres" : null;
    private Process? _postmaster;

    public int Port { get; } = FreePort.Next();

    private string Data => Path.Combine(_directory, "data");

    public string ConnectionString => $"Host=127.0.0.1;Port={Port};Username=postgres;Password={Password};Database=postgres;Timeout=5";

    public async Task InitializeAsync()
    {
        var initdb = Binaries.Find("initdb", "postgresql", Binaries.PostgresDirectories());
        Directory.CreateDirectory(_directory);
        var passwordFile = Path.Combine(_directory, "pwfile");
        await File.WriteAllTextAsync(passwordFile, Password);
        if (_user is not null)
        {
            await ProcessRunner.RunAsync("/bin/chown", ["-R", _user, _directory]);
        }

        await ProcessRunner.RunAsync(initdb, ["-D", Data, "-U", "postgres", "--pwfile", passwordFile, "-A", "scram-sha-256", "--no-sync"], _user, TimeSpan.FromSeconds(120));
        await StartAsync();
    }

    /// <summary>
    /// A fast shutdown (SIGINT to the postmaster): sessions are ended and the port closes. Only for a server a test owns
    /// alone; the assembly's shared one serves other classes.
    /// </summary>
    public async Task StopAsync()
    {
        if (_postmaster is not { HasExited: false } process)
        {
            return;
        }

        await ProcessRunner.RunAsync("/bin/kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            // Killed, so the next start finds the port and the data directory free; the test still fails, saying why.
            await ProcessRunner.KillAsync(process);
            throw new TimeoutException($"PostgreSQL on port {Port} did not finish a fast shutdown within 30 s; killed");
        }
        finally
        {
            _postmaster = null;
        }

        process.Dispose();
    }

    /// <summary>Starts the postmaster on <see cref="Port"/> over the same data, and waits until it accepts connections.</summary>
    public async Task StartAsync()
    {
        var postgres = Binaries.Find("postgres", "postgresql", Binaries.PostgresDirectories());
        _postmaster = ProcessRunner.Start(postgres, ["-D", Data, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-k", _directory, "-h", "127.0.0.1", "-c", "fsync=off", "-c", "full_page_writes=off"], _user, redirect: false);
        await ProcessRunner.WaitUntilAsync(CanConnectAsync, TimeSpan.FromSeconds(60), $"PostgreSQL on port {Port} accepting connections");
    }

    /// <summary>A new, empty database for one test; returns its connection string.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE DATABASE {name}");
        return new NpgsqlConnectionStringBuilder(ConnectionString) { Database = name }.ConnectionString;
    }

    /// <summary>A new schema in the server's <c>postgres</c> database for one test; returns its name.</summary>
    public async Task<string> CreateSchemaAsync()
    {
        var name = $"t_{Guid.NewGuid():N}";
        await ExecuteAsync($"CREATE SCHEMA {name}");
        return name;
    }

    /// <summary>SIGSTOP to the postmaster and its backends: pooled connections stay open and hang, new ones are never answered.</summary>
    public Task PauseAsync() => ProcessSignals.PauseTreeAsync(_postmaster ?? throw new InvalidOperationException("postgres is not running"));

    public Task ResumeAsync() => ProcessSignals.ResumeTreeAsync(_postmaster ?? throw new InvalidOperationException("postgres is not running"));

    public async Task DisposeAsync()
    {
        if (_postmaster is { HasExited: false })
        {
            // The postmaster and its backends: nothing is left holding the data directory.
            _postmaster.Kill(entireProcessTree: true);
            await _postmaster.WaitForExitAsync();
        }

        _postmaster?.Dispose();
        NpgsqlConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private async Task<bool> CanConnectAsync()
    {
        if (_postmaster is { HasExited: true })
        {
            throw new InvalidOperationException($"postgres exited with code {_postmaster.ExitCode} before accepting connections");
        }

        try
        {
            await using var connection = new NpgsqlConnection(ConnectionString + ";Pooling=false");
            await connection.OpenAsync();
            return true;
        }
        catch (NpgsqlException)
        {
            return false;
        }
    }
}
