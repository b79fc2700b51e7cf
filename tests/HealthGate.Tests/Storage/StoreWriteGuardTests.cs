using HealthGate.Checks;
using HealthGate.Secrets;
using HealthGate.Storage;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace HealthGate.Tests.Storage;

/// <summary>Every store write is bounded by Storage:WriteTimeoutMs and its outcome is what the gate knows of its store.</summary>
public sealed class StoreWriteGuardTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T08:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
    private readonly CapturingLoggerProvider _logs = new();
    private readonly ILoggerFactory _loggers;
    private readonly StoreWriteState _state;
    private readonly StoreWriteGuard _guard;

    public StoreWriteGuardTests()
    {
        _loggers = LoggerFactory.Create(b => b.AddProvider(_logs));
        _state = new StoreWriteState(_time, _loggers.CreateLogger<StoreWriteState>());
        _guard = new StoreWriteGuard(_state, Options.Create(new StorageOptions { WriteTimeoutMs = 5000 }), new SecretRedactor(["pg-Secret-7f3a"]), _time);
    }

    [Fact]
    public async Task AWriteThatNeverEndsAndIgnoresItsTokenFailsAtTheWriteTimeoutAndTheStoreReadsUnwritable()
    {
        var never = new TaskCompletionSource();
        var write = _guard.RunAsync(_ => never.Task, CancellationToken.None);

        _time.Advance(TimeSpan.FromMilliseconds(4999));
        await Task.Yield();
        Assert.False(write.IsCompleted, "the write was given up before its timeout");
        _time.Advance(TimeSpan.FromMilliseconds(1));

        var error = await Assert.ThrowsAsync<TimeoutException>(() => write);
        Assert.Contains("5000 ms", error.Message, StringComparison.Ordinal);
        Assert.False(_state.Latest!.Succeeded);
        Assert.Equal(_time.GetUtcNow(), _state.Latest.At);
    }

    [Fact]
    public async Task AFailedWriteMarksTheStoreUnwritableWithoutItsSecretAndTheNextSuccessClearsIt()
    {
        await Assert.ThrowsAsync<IOException>(() => _guard.RunAsync(_ => Task.FromException(new IOException("disk full; Password=pg-Secret-7f3a")), CancellationToken.None));
        var failed = _state.Latest!;
        _time.Advance(TimeSpan.FromSeconds(3));
        await Assert.ThrowsAsync<IOException>(() => _guard.RunAsync(_ => Task.FromException(new IOException("still full")), CancellationToken.None));
        var stillFailing = _state.Latest!;
        _time.Advance(TimeSpan.FromSeconds(2));
        await _guard.RunAsync(_ => Task.CompletedTask, CancellationToken.None);

        Assert.False(failed.Succeeded);
        Assert.DoesNotContain("pg-Secret-7f3a", failed.Error, StringComparison.Ordinal);
        Assert.Contains("disk full", failed.Error, StringComparison.Ordinal);
        Assert.Equal(failed.FailingSince, stillFailing.FailingSince);
        Assert.True(_state.Latest!.Succeeded);
        Assert.Null(_state.Latest.FailingSince);

        // One event when writes start failing, one when they work again: not one per failed write.
        Assert.Single(_logs.WithEventId(4007));
        Assert.Equal("5", Assert.Single(_logs.WithEventId(4008))["Seconds"]);
    }

    [Fact]
    public async Task AWriteItsCallerCancelsSaysNothingAboutTheStore()
    {
        await _guard.RunAsync(_ => Task.CompletedTask, CancellationToken.None);
        using var stopping = new CancellationTokenSource();
        var never = new TaskCompletionSource();
        var write = _guard.RunAsync(token => never.Task.WaitAsync(token), stopping.Token);

        await stopping.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => write);
        Assert.True(_state.Latest!.Succeeded);
    }

    public void Dispose() => _loggers.Dispose();
}
