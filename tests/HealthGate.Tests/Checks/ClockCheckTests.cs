using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text.Json;
using HealthGate.Checks.Clock;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using static HealthGate.Testing.Settings;

namespace HealthGate.Tests.Checks;

/// <summary>
/// The <c>clock</c> check: its decision over kernel states it is handed, the <c>struct timex</c> layout, and its real
/// answer on this machine compared with the kernel's state read independently (Python's ctypes computes the C layout).
/// </summary>
public sealed class ClockCheckTests
{
    private const int StaPll = 0x0001;
    private const int StaUnsync = 0x0040;
    private const int StaClockErr = 0x1000;

    [Fact]
    public async Task ASynchronisedClockWithinTheBoundIsHealthyAndCarriesTheKernelFigures()
    {
        var result = await JudgeAsync(new KernelClockState(0, StaPll, EsterrorUs: 250, MaxerrorUs: 9000), maxErrorMs: 1);

        Assert.Equal(HealthStatus.Healthy, result.Status);
        Assert.Equal("ok", result.Data["reason"]);
        Assert.Equal(250L, result.Data["esterrorUs"]);
        Assert.Equal(9000L, result.Data["maxerrorUs"]);
        Assert.Equal(StaPll, result.Data["status"]);
        Assert.Equal(["PLL"], (string[])result.Data["flags"]);
        Assert.Equal("TIME_OK", result.Data["state"]);
    }

    [Fact]
    public async Task TheUnsyncStatusBitIsUnsynchronisedEvenWhenTheStateAndErrorLookFine()
    {
        var result = await JudgeAsync(new KernelClockState(0, StaPll | StaUnsync, EsterrorUs: 0, MaxerrorUs: 0));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("clock_unsynchronised", result.Data["reason"]);
        Assert.Contains("UNSYNC", (string[])result.Data["flags"]);
    }

    [Fact]
    public async Task TimeErrorIsUnsynchronisedWithoutTheUnsyncBit()
    {
        // TIME_ERROR also follows STA_CLOCKERR, a clock hardware fault.
        var result = await JudgeAsync(new KernelClockState(KernelClockState.TimeError, StaPll | StaClockErr, EsterrorUs: 10, MaxerrorUs: 10));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("clock_unsynchronised", result.Data["reason"]);
        Assert.Equal("TIME_ERROR", result.Data["state"]);
    }

    [Theory]
    [InlineData(100.0, 100_001, "clock_error")]
    [InlineData(100.0, 100_000, "ok")]
    [InlineData(1.0, 1_500, "clock_error")]
    [InlineData(0.1, 101, "clock_error")]
    [InlineData(0.1, 100, "ok")]
    public async Task AnEstimatedErrorAboveMaxErrorMsIsClockError(double maxErrorMs, long esterrorUs, string reason)
    {
        var result = await JudgeAsync(new KernelClockState(0, StaPll, esterrorUs, MaxerrorUs: esterrorUs), maxErrorMs);

        Assert.Equal(reason, result.Data["reason"]);
        Assert.Equal(reason == "ok" ? HealthStatus.Healthy : HealthStatus.Unhealthy, result.Status);
    }

    [Fact]
    public async Task ANegativeErrorEstimateProvesNothingAndIsUnhealthy()
    {
        var result = await JudgeAsync(new KernelClockState(0, StaPll, EsterrorUs: -1, MaxerrorUs: 5));

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("invalid_response", result.Data["reason"]);
    }

    public static TheoryData<string> ReadFailures => ["platform", "errno", "nolib"];

    [Theory]
    [MemberData(nameof(ReadFailures))]
    public async Task AKernelStateThatCannotBeReadIsUnreachable(string failure)
    {
        Exception error = failure switch
        {
            "platform" => new PlatformNotSupportedException("not Linux"),
            "errno" => new Win32Exception(1),
            _ => new DllNotFoundException("libc"),
        };
        var check = new ClockHealthCheck(new ClockCheckOptions(), new ThrowingClock(error));

        var result = await check.CheckHealthAsync(new HealthCheckContext());

        Assert.Equal(HealthStatus.Unhealthy, result.Status);
        Assert.Equal("unreachable", result.Data["reason"]);
    }

    [Fact]
    public void TheTimexStructHasGlibcsLp64Layout()
    {
        Assert.True(Environment.Is64BitProcess, "the tests run as a 64-bit process, the only one the check supports");
        Assert.Equal(208, Marshal.SizeOf<LinuxKernelClock.Timex>());
        // Offsets from glibc's <sys/timex.h> on x86_64 and arm64: modes 0, maxerror 24, esterror 32, status 40, time 72, tai 160.
        Assert.Equal(24, Offset(nameof(LinuxKernelClock.Timex.Maxerror)));
        Assert.Equal(32, Offset(nameof(LinuxKernelClock.Timex.Esterror)));
        Assert.Equal(40, Offset(nameof(LinuxKernelClock.Timex.Status)));
        Assert.Equal(72, Offset(nameof(LinuxKernelClock.Timex.TimeSec)));
        Assert.Equal(112, Offset(nameof(LinuxKernelClock.Timex.Shift)));
        Assert.Equal(160, Offset(nameof(LinuxKernelClock.Timex.Tai)));
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    public void AMaxErrorMsThatIsNotPositiveIsRefused(double maxErrorMs)
    {
        var errors = CheckJson.ConfigErrors([.. Check("host-clock", "clock", "P0", ("MaxErrorMs", maxErrorMs))]);

        Assert.Contains("HealthGate:Checks:host-clock:MaxErrorMs: must be greater than 0", errors);
    }

    [Fact]
    public async Task TheChecksAnswerOnThisMachineIsWhatTheKernelsOwnStateSays()
    {
        var before = await KernelStateFromPythonAsync();
        await using var app = HealthGateApplication.With([.. Check("host-clock", "clock", "P0", ("MaxErrorMs", 100))]);
        var check = await CheckJson.RunAsync(app, "host-clock");
        var after = await KernelStateFromPythonAsync();

        // The synchronisation bit does not flip between two reads a second apart unless an NTP daemon just (re)locked.
        Assert.Equal(before.Status, after.Status);
        Assert.Equal(before.Status, check.Data("status").GetInt32());
        var unsynchronised = before.State == 5 || (before.Status & StaUnsync) != 0;
        var expected = unsynchronised ? "clock_unsynchronised" : before.EsterrorUs > 100_000 ? "clock_error" : "ok";
        Assert.Equal(expected, check.Reason());
        Assert.Equal(expected == "ok" ? "Healthy" : "Unhealthy", check.Status());
        if (before.EsterrorUs == after.EsterrorUs)
        {
            Assert.Equal(before.EsterrorUs, check.Data("esterrorUs").GetInt64());
        }
    }

    private static async Task<HealthCheckResult> JudgeAsync(KernelClockState state, double maxErrorMs = 100)
    {
        var check = new ClockHealthCheck(new ClockCheckOptions { MaxErrorMs = maxErrorMs }, new FixedClock(state));
        return await check.CheckHealthAsync(new HealthCheckContext());
    }

    private static int Offset(string field) => (int)Marshal.OffsetOf<LinuxKernelClock.Timex>(field);

    /// <summary>adjtimex(2) with modes 0 through Python's ctypes, whose Structure lays out C longs and ints itself.</summary>
    private static async Task<KernelClockState> KernelStateFromPythonAsync()
    {
        const string script = """
            import ctypes, ctypes.util, json
            L, I = ctypes.c_long, ctypes.c_int
            class Timeval(ctypes.Structure): _fields_ = [("sec", L), ("usec", L)]
            class Timex(ctypes.Structure):
                _fields_ = [("modes", ctypes.c_uint), ("offset", L), ("freq", L), ("maxerror", L), ("esterror", L), ("status", I),
                            ("constant", L), ("precision", L), ("tolerance", L), ("time", Timeval), ("tick", L), ("ppsfreq", L),
                            ("jitter", L), ("shift", I), ("stabil", L), ("jitcnt", L), ("calcnt", L), ("errcnt", L), ("stbcnt", L),
                            ("tai", I)] + [("reserved%d" % i, I) for i in range(11)]
            libc = ctypes.CDLL(ctypes.util.find_library("c"), use_errno=True)
            t = Timex()
            state = libc.adjtimex(ctypes.byref(t))
            if state < 0: raise OSError(ctypes.get_errno(), "adjtimex failed")
            print(json.dumps({"size": ctypes.sizeof(Timex), "state": state, "status": t.status, "esterror": t.esterror, "maxerror": t.maxerror}))
            """;
        var python = Binaries.Find("python3", "python3");
        using var process = Process.Start(new ProcessStartInfo(python, ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        Assert.True(process.ExitCode == 0, $"python3 could not read the kernel clock: {stderr}");
        var json = JsonDocument.Parse(stdout).RootElement;
        Assert.Equal(208, json.GetProperty("size").GetInt32());
        return new KernelClockState(
            json.GetProperty("state").GetInt32(), json.GetProperty("status").GetInt32(), json.GetProperty("esterror").GetInt64(), json.GetProperty("maxerror").GetInt64());
    }

    private sealed class FixedClock(KernelClockState state) : IKernelClock
    {
        public KernelClockState Read() => state;
    }

    private sealed class ThrowingClock(Exception error) : IKernelClock
    {
        public KernelClockState Read() => throw error;
    }
}
