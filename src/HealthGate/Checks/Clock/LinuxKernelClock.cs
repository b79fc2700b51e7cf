using System.ComponentModel;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace HealthGate.Checks.Clock;

/// <summary>
/// <c>adjtimex(2)</c> through libc with <c>modes = 0</c>: a read of the NTP discipline that needs no privilege and
/// changes nothing. Only 64-bit Linux is supported, where <c>struct timex</c> is the 208-byte layout below.
/// </summary>
internal sealed class LinuxKernelClock : IKernelClock
{
    public KernelClockState Read()
    {
        if (!OperatingSystem.IsLinux() || !Environment.Is64BitProcess)
        {
            throw new PlatformNotSupportedException("the kernel clock state is read with adjtimex, on 64-bit Linux only");
        }

        var timex = default(Timex);
        var state = Adjtimex(ref timex);
        if (state < 0)
        {
            throw new Win32Exception(Marshal.GetLastPInvokeError());
        }

        return new KernelClockState(state, timex.Status, timex.Esterror, timex.Maxerror);
    }

    // DllImport, not LibraryImport: the source-generated stub needs unsafe code enabled for the whole service, and
    // a blittable struct by ref is marshalled by pinning either way.
    [DllImport("libc", EntryPoint = "adjtimex", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int Adjtimex(ref Timex timex);

    /// <summary>
    /// glibc's <c>struct timex</c> on LP64 (x86_64, arm64): C <c>long</c> is 64-bit, so every <c>int</c> before a
    /// <c>long</c> is followed by 4 bytes of padding, which sequential layout inserts as C does; 208 bytes in all.
    /// </summary>
    [StructLayout(LayoutKind.Sequential)]
    internal struct Timex
    {
        public uint Modes;
        public long Offset;
        public long Freq;
        public long Maxerror;
        public long Esterror;
        public int Status;
        public long Constant;
        public long Precision;
        public long Tolerance;
        public long TimeSec;
        public long TimeUsec;
        public long Tick;
        public long Ppsfreq;
        public long Jitter;
        public int Shift;
        public long Stabil;
        public long Jitcnt;
        public long Calcnt;
        public long Errcnt;
        public long Stbcnt;
        public int Tai;
        public Reserved Padding;
    }

    /// <summary>The eleven unnamed <c>int :32</c> fields at the end of <c>struct timex</c>.</summary>
    [InlineArray(11)]
    internal struct Reserved
    {
        private int _element;
    }
}
