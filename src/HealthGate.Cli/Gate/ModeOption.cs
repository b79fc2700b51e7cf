using System.CommandLine;
using System.Text.RegularExpressions;

namespace HealthGate.Cli.Gate;

/// <summary><c>--mode</c>: a mode name as the gate configures them (paper, live, …), never a path or a query.</summary>
internal static partial class ModeOption
{
    public static Option<string> Create(string description)
    {
        var mode = new Option<string>("--mode") { Description = description, Required = true };
        mode.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string>() is { } value && !ModeName().IsMatch(value))
            {
                result.AddError($"--mode '{value}' is not a mode name (letters, digits, '-' and '_'; for example paper or live)");
            }
        });
        return mode;
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$")]
    private static partial Regex ModeName();
}
