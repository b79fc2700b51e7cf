namespace HealthGate.Checks.Clock;

/// <summary>Reads the kernel's clock discipline; it never sets anything. Throws when the state cannot be read.</summary>
internal interface IKernelClock
{
    KernelClockState Read();
}
