using System.Text.Json;

namespace HealthGate.Cli.Gate;

/// <summary>
/// Reads the gate's override and op-log answers into the shared contract types, strictly: a missing required field,
/// a null where the contract has none, or a field named twice is a garbled answer (a <see cref="GateAbortException"/>),
/// never a default.
/// </summary>
internal static class GateJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        AllowDuplicateProperties = false,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    public static T Read<T>(GateAnswer answer, string what)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(answer);
        try
        {
            return JsonSerializer.Deserialize<T>(answer.Body, Options) ?? throw new JsonException("null");
        }
        catch (JsonException ex)
        {
            throw new GateAbortException($"the gate answered HTTP {answer.Status} with a body that is not {what}: {OneLine.Of(ex.Message, 100)} ({OneLine.Of(answer.Body, 60)})", ex);
        }
    }

    public static OverrideRecord Override(GateAnswer answer) => Read<OverrideRecord>(answer, "an override");

    /// <summary>The path of one override, relative to the gate's address.</summary>
    public static string OverridePath(long id) => $"overrides/{id}";
}
