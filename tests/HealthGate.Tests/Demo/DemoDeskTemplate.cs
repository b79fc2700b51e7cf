using System.Text.RegularExpressions;

namespace HealthGate.Tests.Demo;

/// <summary>
/// samples/demo-desk.template.json filled the way scripts/demo.sh fills it with sed, so the desk under test is the
/// desk a newcomer runs.
/// </summary>
internal static partial class DemoDeskTemplate
{
    public static async Task<string> FillAsync(IReadOnlyDictionary<string, string> values)
    {
        var text = await File.ReadAllTextAsync(RepoRoot.File("samples/demo-desk.template.json"));
        foreach (var (name, value) in values)
        {
            Assert.Contains($"@{name}@", text, StringComparison.Ordinal);
            text = text.Replace($"@{name}@", value, StringComparison.Ordinal);
        }

        var left = Placeholder().Matches(text).Select(m => m.Value).Distinct().ToArray();
        Assert.True(left.Length == 0, $"placeholders the test does not fill: {string.Join(", ", left)} (scripts/demo.sh must fill them too)");
        return text;
    }

    [GeneratedRegex("@[A-Z_]+@")]
    private static partial Regex Placeholder();
}
