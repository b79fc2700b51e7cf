using System.Globalization;

namespace HealthGate.Contracts;

/// <summary>
/// Both programs load ICU (the service compares display names with it) but must not speak the host's locale: a description,
/// report or log line reads the same on every desk ("1.5 ms", never "1,5 ms").
/// </summary>
public static class InvariantCulture
{
    public static void Pin()
    {
        CultureInfo.DefaultThreadCurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.DefaultThreadCurrentUICulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;
        CultureInfo.CurrentUICulture = CultureInfo.InvariantCulture;
    }
}
