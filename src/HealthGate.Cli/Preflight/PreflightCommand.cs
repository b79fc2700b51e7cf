using System.CommandLine;
using System.CommandLine.Parsing;
using HealthGate.Cli.Acceptance;
using HealthGate.Cli.Gate;

namespace HealthGate.Cli.Preflight;

/// <summary><c>healthgate preflight</c>: its options, their validation, and the hand-over to <see cref="PreflightFlow"/>.</summary>
internal static class PreflightCommand
{
    public static Command Create(CliContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var mode = ModeOption.Create("The mode to check: paper (P0 subset) or live (full suite).");
        var url = new Option<string>("--url") { Description = "The HealthGate service.", DefaultValueFactory = _ => PreflightSettings.DefaultUrl };
        var timeout = new Option<int?>("--timeout") { Description = "Seconds to wait for the gate (default 30 for paper, 60 for live).", HelpName = "SECONDS" };
        var reportDir = new Option<string>("--report-dir") { Description = "Where reports and the operational log are written.", DefaultValueFactory = _ => PreflightSettings.DefaultReportDirectory };
        var clockTolerance = new Option<double>("--clock-tolerance")
        {
            Description = "Seconds the gate's clock may differ from this machine's: a GO must have started within the request's own window, widened by this much.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => AcceptanceRules.DefaultClockToleranceSeconds,
        };
        var maxVerdictTtl = new Option<int>("--max-verdict-ttl")
        {
            Description = "The longest a GO may claim to stay valid (expiresAt − startedAt), in seconds.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => AcceptanceRules.DefaultMaxVerdictTtlSeconds,
        };
        var expectConfigHash = new Option<string?>("--expect-config-hash") { Description = "Accept a GO only from this configuration (the gate's configHash).", HelpName = "HASH" };
        var json = new Option<bool>("--json") { Description = "Print the preflight JSON only (machine-readable)." };
        var launch = new LaunchOptions();

        url.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<string>();
            if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
            {
                result.AddError($"--url '{value}' is not an absolute http:// or https:// address");
            }
        });
        clockTolerance.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<double>() is var value && !(value >= 0 && value <= AcceptanceRules.MaxClockToleranceSeconds))
            {
                result.AddError($"--clock-tolerance must be between 0 and {AcceptanceRules.MaxClockToleranceSeconds} seconds");
            }
        });
        maxVerdictTtl.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() is < 1 or > AcceptanceRules.MaxMaxVerdictTtlSeconds)
            {
                result.AddError($"--max-verdict-ttl must be between 1 and {AcceptanceRules.MaxMaxVerdictTtlSeconds} seconds");
            }
        });
        expectConfigHash.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && string.IsNullOrWhiteSpace(value))
            {
                result.AddError("--expect-config-hash must not be empty");
            }
        });
        timeout.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is <= 0 or > 3600)
            {
                result.AddError("--timeout must be between 1 and 3600 seconds");
            }
        });

        var command = new Command("preflight", "Ask the gate for a go/no-go verdict; the exit code is the verdict's (0 PASS, 1 P0_FAIL or abort, 2 P1_FAIL, 3 P2_WARN).")
        {
            mode, url, timeout, reportDir, clockTolerance, maxVerdictTtl, expectConfigHash, json,
        };
        foreach (var option in launch.All)
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result => launch.Validate(result, json));

        command.SetAction((parse, cancellationToken) =>
        {
            var modeName = parse.GetRequiredValue(mode);
            var settings = new PreflightSettings(
                modeName,
                new Uri(parse.GetRequiredValue(url), UriKind.Absolute),
                parse.GetValue(timeout) is { } seconds ? TimeSpan.FromSeconds(seconds) : PreflightSettings.DefaultTimeout(modeName),
                parse.GetRequiredValue(reportDir),
                parse.GetValue(json),
                parse.GetValue(launch.ForceStart),
                parse.GetValue(launch.Skip))
            {
                Acceptance = new AcceptanceRules(
                    TimeSpan.FromSeconds(parse.GetValue(clockTolerance)),
                    TimeSpan.FromSeconds(parse.GetValue(maxVerdictTtl)),
                    parse.GetValue(expectConfigHash)),
                OverrideId = parse.GetValue(launch.Override),
                Wait = parse.GetValue(launch.Wait) is { } wait ? TimeSpan.FromSeconds(wait) : null,
                KeyFile = parse.GetValue(launch.KeyFile),
                NonInteractive = parse.GetValue(launch.NonInteractive),
                Yes = parse.GetValue(launch.Yes),
            };
            return new PreflightFlow(context, settings).RunAsync(cancellationToken);
        });
        return command;
    }
}
