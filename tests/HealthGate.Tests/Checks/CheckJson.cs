using System.Net;
using System.Text.Json;
using HealthGate.Checks;
using Microsoft.Extensions.Configuration;

namespace HealthGate.Tests.Checks;

/// <summary>Runs a live preflight and returns one check as the preflight JSON shows it.</summary>
internal static class CheckJson
{
    public static async Task<JsonElement> RunAsync(HealthGateApplication app, string name)
    {
        using var client = app.CreateClient();
        var response = await client.GetAsync(new Uri("/preflight?mode=live", UriKind.Relative));
        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable, $"unexpected HTTP {response.StatusCode}");
        var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        return json.GetProperty("checks").EnumerateArray().Single(c => c.GetProperty("name").GetString() == name).Clone();
    }

    public static string Reason(this JsonElement check) => check.GetProperty("reason").GetString()!;

    public static string Status(this JsonElement check) => check.GetProperty("status").GetString()!;

    public static string Description(this JsonElement check) => check.GetProperty("description").GetString()!;

    public static JsonElement Data(this JsonElement check, string key) => check.GetProperty("data").GetProperty(key);

    /// <summary>
    /// Times a check measured one after another, as its data gives them: each a real measurement (more than zero) and
    /// together within the check's own duration. Each figure is rounded to the microsecond, hence the small allowance.
    /// </summary>
    public static void AssertTimingsWithinTheCheck(this JsonElement check, params string[] keys)
    {
        var duration = check.GetProperty("durationMs").GetDouble();
        var timings = keys.Select(k => (Key: k, Ms: check.Data(k).GetDouble())).ToList();
        Assert.All(timings, t => Assert.True(t.Ms > 0, $"{t.Key} is {t.Ms} ms: nothing was measured"));
        var sum = timings.Sum(t => t.Ms);
        Assert.True(sum <= duration + (0.001 * (keys.Length + 1)), $"{string.Join(" + ", keys)} = {sum} ms, more than the check's own {duration} ms");
    }

    public static string[] Strings(this JsonElement array) => [.. array.EnumerateArray().Select(e => e.GetString()!)];

    /// <summary>
    /// The configuration errors the service refuses to start with (the same list its options validator reports),
    /// for check entries given as flat keys under <c>HealthGate:</c>.
    /// </summary>
    public static IReadOnlyList<string> ConfigErrors(params (string Key, object? Value)[] settings)
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(settings.Select(s => KeyValuePair.Create("HealthGate:" + s.Key, Convert.ToString(s.Value, System.Globalization.CultureInfo.InvariantCulture))))
            .Build();
        return CheckCatalog.Load(configuration, BuiltInCheckTypes.All).Errors;
    }
}
