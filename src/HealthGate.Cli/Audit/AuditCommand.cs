using System.CommandLine;
using System.Text;
using HealthGate.Cli.Gate;
using Spectre.Console;

namespace HealthGate.Cli.Audit;

/// <summary>
/// <c>healthgate audit verify</c>: reads the gate's whole operational log and verifies its hash chain (and, with
/// <c>--signing-key-file</c>, every entry's signature) with the same <see cref="OpLogChain"/> the gate writes it with.
/// Exit 0 with the head hash when intact; 1 naming the first entry changed, removed or reordered, or why it could
/// not be read.
/// </summary>
internal static class AuditCommand
{
    public const int DefaultTimeoutSeconds = 60;

    public static Command Create(CliContext context) =>
        new("audit", "Check the gate's operational log.") { VerifyCommand(context) };

    private static Command VerifyCommand(CliContext context)
    {
        var gateOptions = new GateOptions(DefaultTimeoutSeconds);
        var signingKeyFile = new Option<string?>("--signing-key-file")
        {
            Description = "A file whose first line (trimmed, as UTF-8 bytes) is the gate's Audit:SigningKey: every entry's signature is verified too.",
            HelpName = "PATH",
        };
        var expectHead = new Option<string?>("--expect-head")
        {
            Description = "An anchor recorded at an earlier review, SEQ:HASH: entry SEQ must still exist with that hash (catches a rewritten or truncated log).",
            HelpName = "SEQ:HASH",
        };
        expectHead.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<string?>() is { } value && !HeadAnchor.TryParse(value, out _))
            {
                result.AddError($"--expect-head '{value}' is not SEQ:HASH (a seq of 1 or more, a colon, 64 hex digits)");
            }
        });
        var command = new Command("verify", "Verify the operational log's hash chain: prints 'N entries, chain intact, head HASH' or the first entry that breaks it.")
        {
            signingKeyFile, expectHead,
        };
        foreach (var option in gateOptions.All)
        {
            command.Options.Add(option);
        }

        command.SetAction((parse, cancellationToken) => GateCommand.RunAsync(context, gateOptions, parse, "audit verify", async gate =>
        {
            // The key is read before the log, so a bad key file costs no request.
            var key = parse.GetValue(signingKeyFile) is { } file ? Encoding.UTF8.GetBytes(SecretFile.ReadFirstLine(file, "signing key file")) : null;
            var entries = await new OpLogReader(gate).ReadAllAsync(cancellationToken);
            var result = OpLogChain.Verify(entries, key);
            var console = context.Terminal.Ansi;
            if (result.IsIntact && parse.GetValue(expectHead) is { } anchorText && HeadAnchor.TryParse(anchorText, out var anchor)
                && anchor.Problem(entries) is { } broken)
            {
                console.MarkupLine($"[bold red]{Markup.Escape($"chain BROKEN against the anchor {anchorText}: {broken}")}[/]");
                return Verdicts.AbortExitCode;
            }

            if (result.IsIntact)
            {
                var signed = key is null ? "" : ", every entry signed by the signing key";
                console.MarkupLine($"[green]{Markup.Escape($"{result.Count} entries, chain intact{signed}, head {result.Head}")}[/]");
                return 0;
            }

            console.MarkupLine($"[bold red]{Markup.Escape($"chain BROKEN at entry {result.BrokenAt}: {result.Problem} ({result.Count} entries verified before it, {entries.Count} read)")}[/]");
            return Verdicts.AbortExitCode;
        }));
        return command;
    }
}
