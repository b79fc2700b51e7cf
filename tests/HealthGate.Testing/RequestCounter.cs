namespace HealthGate.Testing;

/// <summary>How many requests reached a counted stand-in path.</summary>
public sealed class RequestCounter
{
    private int _count;

    public int Value => Volatile.Read(ref _count);

    public void Increment() => Interlocked.Increment(ref _count);
}
