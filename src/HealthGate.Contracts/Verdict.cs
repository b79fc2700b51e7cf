using System.Text.Json.Serialization;

namespace HealthGate.Contracts;

/// <summary>The go/no-go answer of a preflight run; each value has a fixed exit code (<see cref="Verdicts"/>).</summary>
[JsonConverter(typeof(JsonStringEnumConverter<Verdict>))]
public enum Verdict
{
    [JsonStringEnumMemberName(Verdicts.PassToken)]
    Pass,

    [JsonStringEnumMemberName(Verdicts.P0FailToken)]
    P0Fail,

    [JsonStringEnumMemberName(Verdicts.P1FailToken)]
    P1Fail,

    [JsonStringEnumMemberName(Verdicts.P2WarnToken)]
    P2Warn,
}
