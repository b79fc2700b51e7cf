using System.Text.Json;
using HealthGate.Cli.Tests.Infrastructure;

namespace HealthGate.Cli.Tests.Overrides;

/// <summary>
/// healthgate override request / approve / show against a stand-in gate: what is sent (never a typed name), which key
/// signs it, what is printed, and the gate's refusals quoted as "STATUS: reason" with exit code 1.
/// </summary>
public sealed class OverrideCommandTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>, IDisposable
{
    private static readonly string[] LiveRequest =
        ["--kind", "force-start", "--mode", "live", "--run", CannedPreflight.RunId, "--reason", "known MT5 import issue", "--ticket", "OPS-1234",
            "--impact", "MT5 strategies idle", "--mitigation", "watch the desk"];

    private readonly FakeGate _gate = new(fixture.StandIn);
    private readonly TempDirectory _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public async Task RequestPostsTheNewBodyWithoutTypedNamesAndPrintsIdStateAndAwaitedRoles()
    {
        var result = await new CliRun { ApiKey = "olga-key" }.RunAsync(["override", "request", "--url", _gate.Url, .. LiveRequest]);

        Assert.True(result.ExitCode == 0, result.Error);
        var sent = Assert.Single(_gate.Overrides);
        Assert.Equal("POST", sent.Method);
        Assert.Equal("olga-key", sent.ApiKey);
        var body = JsonDocument.Parse(sent.Body).RootElement;
        Assert.Equal(
            ["kind", "mode", "runId", "reason", "ticket", "impact", "mitigation"],
            body.EnumerateObject().Select(p => p.Name));
        Assert.Equal("force_start", body.GetProperty("kind").GetString());
        Assert.Equal(CannedPreflight.RunId, body.GetProperty("runId").GetString());
        Assert.Equal("watch the desk", body.GetProperty("mitigation").GetString());
        Assert.Contains("Override 42 requested: force_start, mode live, run 01JCANNEDRUN0000000000000A — state pending", result.Out, StringComparison.Ordinal);
        Assert.Contains($"Awaiting: risk-manager, cto · expires {Timestamps.ToText(OverrideRecords.Pending().ExpiresAt)}", result.Out, StringComparison.Ordinal);
        Assert.Contains("healthgate override approve 42", result.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("olga-key", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASkipInPaperNeedsNoRunTicketImpactOrMitigation()
    {
        var result = await new CliRun().RunAsync(["override", "request", "--url", _gate.Url, "--kind", "skip", "--mode", "paper", "--reason", "smoke test false positive"]);

        Assert.True(result.ExitCode == 0, result.Error);
        var body = JsonDocument.Parse(Assert.Single(_gate.Overrides).Body).RootElement;
        Assert.Equal("skip_health_check", body.GetProperty("kind").GetString());
        Assert.Equal(["kind", "mode", "reason"], body.EnumerateObject().Select(p => p.Name));
    }

    [Theory]
    [InlineData(new[] { "--kind", "force-start", "--mode", "paper", "--reason", "r" }, "--run RUNID is required for --kind force-start")]
    [InlineData(new[] { "--kind", "skip", "--mode", "paper", "--run", "01J", "--reason", "r" }, "--run does not apply to --kind skip")]
    [InlineData(new[] { "--kind", "skip", "--mode", "live", "--reason", "r", "--ticket", "T-1" }, "an override in live mode needs --impact, --mitigation")]
    [InlineData(new[] { "--kind", "skip", "--mode", "integration", "--reason", "r", "--impact", "i", "--mitigation", "m" }, "an override in integration mode needs --ticket")]
    [InlineData(new[] { "--kind", "skip", "--mode", "paper", "--reason", " " }, "--reason must not be empty")]
    [InlineData(new[] { "--kind", "force_start", "--mode", "paper", "--run", "r", "--reason", "r" }, "force_start")]
    [InlineData(new[] { "--kind", "skip", "--mode", "paper", "--reason", "r", "--operator", "alice" }, "--operator")]
    public async Task ARequestMissingWhatItsModeNeedsIsAUsageErrorAndNothingIsSent(string[] args, string message)
    {
        var result = await new CliRun().RunAsync(["override", "request", "--url", _gate.Url, .. args]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.Empty(_gate.Requests);
    }

    [Theory]
    [InlineData(409, """{"title":"Conflict","detail":"run 01J is P0_FAIL: P0 has no override"}""", "409: run 01J is P0_FAIL: P0 has no override")]
    [InlineData(400, """{"title":"One or more validation errors occurred.","errors":{"impact":["is required in live"]}}""", "400: One or more validation errors occurred.; impact: is required in live")]
    [InlineData(401, "", "401: no explanation from the gate")]
    public async Task ARequestTheGateRefusesIsExit1QuotingItsReason(int status, string problem, string cause)
    {
        _gate.AnswerOverrides(status, problem);

        var result = await new CliRun().RunAsync(["override", "request", "--url", _gate.Url, .. LiveRequest]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"healthgate: override request REFUSED — {cause}\n", result.Error);
    }

    [Fact]
    public async Task TheKeyFilesFirstLineTrimmedSignsInsteadOfTheEnvironment()
    {
        var keyFile = Path.Combine(_files.Path, "jane.key");
        await File.WriteAllTextAsync(keyFile, "  jane-key-7f3a  \nsecond line ignored\n");
        _gate.AnswerApprovals(OverrideRecords.Id, 200, JsonSerializer.Serialize(OverrideRecords.HalfApproved(OverrideRecords.Pending()), FakeGate.Json));

        var result = await new CliRun { ApiKey = "env-key" }.RunAsync(["override", "approve", "42", "--url", _gate.Url, "--key-file", keyFile]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Equal("jane-key-7f3a", Assert.Single(_gate.Approvals).ApiKey);
        Assert.DoesNotContain("jane-key-7f3a", result.Out + result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing.key", null, "cannot read the key file")]
    [InlineData("empty.key", "", "is empty")]
    [InlineData("blank.key", "   \n", "is empty")]
    public async Task AKeyFileThatCannotGiveAKeyIsExit1AndNothingIsSent(string name, string? content, string message)
    {
        var keyFile = Path.Combine(_files.Path, name);
        if (content is not null)
        {
            await File.WriteAllTextAsync(keyFile, content);
        }

        foreach (var args in new[]
        {
            new[] { "override", "approve", "42", "--url", _gate.Url, "--key-file", keyFile },
            ["override", "show", "42", "--url", _gate.Url, "--key-file", keyFile],
            ["override", "request", "--url", _gate.Url, "--key-file", keyFile, .. LiveRequest],
            ["audit", "verify", "--url", _gate.Url, "--key-file", keyFile],
            ["preflight", "--mode", "live", "--url", _gate.Url, "--report-dir", _files.Path, "--key-file", keyFile],
        })
        {
            var result = await new CliRun { ApiKey = "env-key" }.RunAsync(args);

            Assert.True(result.ExitCode == 1, $"{args[0]} {args[1]}: {result.ExitCode}");
            Assert.Contains(message, result.Error, StringComparison.Ordinal);
            Assert.Contains(keyFile, result.Error, StringComparison.Ordinal);
        }

        Assert.Empty(_gate.Requests);
    }

    [Fact]
    public async Task ApprovePostsTheDecisionAndPrintsRolesFilledAndAwaited()
    {
        var approved = OverrideRecords.Approved();
        _gate.AnswerApprovals(OverrideRecords.Id, 200, JsonSerializer.Serialize(approved, FakeGate.Json));

        var result = await new CliRun { ApiKey = "bob-key" }.RunAsync(["override", "approve", "42", "--url", _gate.Url, "--comment", "ok, ticket read"]);

        Assert.True(result.ExitCode == 0, result.Error);
        var sent = Assert.Single(_gate.Approvals);
        Assert.Equal("bob-key", sent.ApiKey);
        Assert.EndsWith("/overrides/42/approvals", sent.Path, StringComparison.Ordinal);
        var body = JsonDocument.Parse(sent.Body).RootElement;
        Assert.Equal("approve", body.GetProperty("decision").GetString());
        Assert.Equal("ok, ticket read", body.GetProperty("comment").GetString());
        Assert.Contains("Override 42: approval recorded — state approved", result.Out, StringComparison.Ordinal);
        Assert.Contains("Approved by: Jane Smith (risk-manager), Bob Jones (cto)", result.Out, StringComparison.Ordinal);
        Assert.Contains("Awaiting: nobody", result.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectPostsARejection()
    {
        _gate.AnswerApprovals(OverrideRecords.Id, 200, JsonSerializer.Serialize(OverrideRecords.Rejected(OverrideRecords.Pending()), FakeGate.Json));

        var result = await new CliRun { ApiKey = "bob-key" }.RunAsync(["override", "approve", "42", "--reject", "--url", _gate.Url]);

        Assert.True(result.ExitCode == 0, result.Error);
        var body = JsonDocument.Parse(Assert.Single(_gate.Approvals).Body).RootElement;
        Assert.Equal("reject", body.GetProperty("decision").GetString());
        Assert.False(body.TryGetProperty("comment", out _));
        Assert.Contains("Override 42: rejected — state rejected", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(403, "the requester cannot approve their own override")]
    [InlineData(403, "bob already decided on override 42")]
    [InlineData(403, "a service key cannot approve an override")]
    [InlineData(409, "override 42 is not pending (approved)")]
    public async Task AnApprovalTheGateRefusesIsExit1WithTheGatesReason(int status, string detail)
    {
        _gate.AnswerApprovals(OverrideRecords.Id, status, JsonSerializer.Serialize(new { title = "Refused", status, detail }));

        var result = await new CliRun { ApiKey = "olga-key" }.RunAsync(["override", "approve", "42", "--url", _gate.Url]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"healthgate: override approve REFUSED — {status}: {detail}\n", result.Error);
    }

    [Fact]
    public async Task ShowPrintsTheOverrideAsTheGateHoldsIt()
    {
        _gate.AnswerOverride(OverrideRecords.Used(OverrideRecords.Approved(), "01JLAUNCHRUN"));

        var result = await new CliRun().RunAsync(["override", "show", "42", "--url", _gate.Url]);

        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains("Override 42: force_start, mode live, run 01JCANNEDRUN0000000000000A — state used", result.Out, StringComparison.Ordinal);
        Assert.Contains("Requested by Olga Ivanova (olga) at", result.Out, StringComparison.Ordinal);
        Assert.Contains("Approved by: Jane Smith (risk-manager), Bob Jones (cto)", result.Out, StringComparison.Ordinal);
        Assert.Contains("Ticket: OPS-1234 · Reason: known MT5 import issue", result.Out, StringComparison.Ordinal);
        Assert.Contains("for run 01JLAUNCHRUN", result.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(404, """{"title":"Not Found","detail":"no override 42"}""", "healthgate: override show REFUSED — 404: no override 42")]
    [InlineData(200, """{"id":42,"kind":"force_start"}""", "healthgate: override show FAILED — the gate answered HTTP 200 with a body that is not an override")]
    [InlineData(200, "<html>", "healthgate: override show FAILED — the gate answered HTTP 200 with a body that is not an override")]
    public async Task ShowOfAnUnknownOrGarbledOverrideIsExit1(int status, string body, string message)
    {
        _gate.AnswerOverrideRead(OverrideRecords.Id, status, body);

        var result = await new CliRun().RunAsync(["override", "show", "42", "--url", _gate.Url]);

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith(message, result.Error, StringComparison.Ordinal);
    }
}
