namespace HealthGate.Tests.FailClosed;

/// <summary>A theory that needs <see cref="TmpfsMount"/>: skipped, saying why, only where mounting a tmpfs is impossible.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class TmpfsTheoryAttribute : TheoryAttribute
{
    public TmpfsTheoryAttribute()
    {
        if (TmpfsMount.Unavailable is { } why)
        {
            Skip = $"needs a real full filesystem (a tmpfs mounted by the test): {why}";
        }
    }
}
