namespace HealthGate.Checks.Clock;

/// <summary>
/// What <c>adjtimex</c> reports with <c>modes = 0</c>: its return value (the clock state, <c>TIME_OK</c> ..
/// <c>TIME_ERROR</c>), the <c>status</c> bits and the error estimates, which are microseconds whatever <c>STA_NANO</c> says.
/// </summary>
internal sealed record KernelClockState(int State, int Status, long EsterrorUs, long MaxerrorUs)
{
    public const int TimeError = 5;
    public const int StaUnsync = 0x0040;
    public const int StaClockErr = 0x1000;

    private static readonly (int Bit, string Name)[] Flags =
    [
        (0x0001, "PLL"), (0x0002, "PPSFREQ"), (0x0004, "PPSTIME"), (0x0008, "FLL"), (0x0010, "INS"), (0x0020, "DEL"),
        (StaUnsync, "UNSYNC"), (0x0080, "FREQHOLD"), (0x0100, "PPSSIGNAL"), (0x0200, "PPSJITTER"), (0x0400, "PPSWANDER"),
        (0x0800, "PPSERROR"), (StaClockErr, "CLOCKERR"), (0x2000, "NANO"), (0x4000, "MODE"), (0x8000, "CLK"),
    ];

    private static readonly string[] StateNames = ["TIME_OK", "TIME_INS", "TIME_DEL", "TIME_OOP", "TIME_WAIT", "TIME_ERROR"];

    /// <summary>The kernel calls the clock unsynchronised itself: <c>TIME_ERROR</c>, or the <c>STA_UNSYNC</c> bit.</summary>
    public bool IsUnsynchronised => State == TimeError || (Status & StaUnsync) != 0;

    public string StateName => State >= 0 && State < StateNames.Length ? StateNames[State] : $"state {State}";

    public string[] StatusFlags => [.. Flags.Where(f => (Status & f.Bit) != 0).Select(f => f.Name)];
}
