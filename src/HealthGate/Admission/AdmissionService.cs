using HealthGate.Contracts;
using HealthGate.Leadership;
using HealthGate.Preflight;
using HealthGate.Runs;
using HealthGate.Secrets;
using HealthGate.Storage;
using Microsoft.Extensions.Options;

namespace HealthGate.Admission;

/// <summary>
/// Answers one admission request from the store alone (the latest run and the approved overrides of the mode), so
/// every replica answers the same; reads nothing else and writes nothing (the webhook declares no side effects, and
/// a dry run is answered exactly as the real request would be). A store that cannot be read denies.
/// </summary>
internal sealed class AdmissionService(
    IRunStore runs,
    IOverrideStore overrides,
    PreflightModes modes,
    CheckConfigurationHash configHash,
    DeskName desk,
    IOptions<AdmissionOptions> options,
    AdmissionMetrics metrics,
    SecretRedactor redactor,
    TimeProvider time,
    ILogger<AdmissionService> logger)
{
    /// <summary>Approved overrides read per review: far more than a desk ever has approved and unused at once.</summary>
    public const int MaxOverrides = 100;

    /// <summary>
    /// The store's time to answer: well inside the webhook's 5 s, so a hung store is a denial that says so, not a
    /// timeout the API server reports without a reason.
    /// </summary>
    public static readonly TimeSpan ReadBudget = TimeSpan.FromSeconds(3);

    public async Task<AdmissionResponse> ReviewAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        AdmissionDecision decision;
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        try
        {
            // WaitAsync returns at the budget even when the store ignores cancellation; the read is then cancelled.
            decision = await DecideAsync(request, budget.Token).WaitAsync(ReadBudget, time, cancellationToken);
        }
        catch (TimeoutException)
        {
            await budget.CancelAsync();
            AdmissionLog.StoreFailed(logger, request.Uid, $"no answer within {ReadBudget.TotalSeconds:0} s");
            decision = AdmissionDecision.Deny($"HealthGate denies {request.Subject}: the gate could not read its verdicts within {ReadBudget.TotalSeconds:0} s (see its log)");
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AdmissionLog.StoreFailed(logger, request.Uid, redactor.Describe(ex));
            decision = AdmissionDecision.Deny($"HealthGate denies {request.Subject}: the gate could not read its verdicts (see its log)");
        }

        return Answer(request, decision);
    }

    /// <summary>
    /// A review that could not be read: denied in enforcement and audit mode alike (the API server never sends one, so
    /// it is not an admission question). Null when it named no uid to answer: the endpoint answers 400 instead.
    /// </summary>
    public AdmissionResponse? Unreadable(string? uid, string problem)
    {
        AdmissionLog.Unreadable(logger, uid, problem);
        metrics.Record(null, "deny");
        return uid is null ? null : new AdmissionResponse(uid, false) { Status = new(StatusCodes.Status403Forbidden, $"HealthGate cannot read this admission review: {problem}") };
    }

    private async Task<AdmissionDecision> DecideAsync(AdmissionRequest request, CancellationToken cancellationToken)
    {
        var (mode, early) = AdmissionRules.Subject(request, modes, desk.Value);
        if (early is not null)
        {
            return early;
        }

        var latest = await runs.ListRunsAsync(mode, 1, cancellationToken) is [var newest, ..] ? newest : null;
        var approved = await overrides.ListOverridesAsync(OverrideStates.Approved, null, MaxOverrides, cancellationToken);
        var candidates = new List<(OverrideRecord, PreflightRun?)>();
        foreach (var record in approved.Where(o => o.Mode == mode))
        {
            var run = record.RunId is { } runId ? await runs.FindRunAsync(runId, cancellationToken) : null;
            candidates.Add((record, run));
        }

        return AdmissionRules.Decide(request, new AdmissionFacts(mode!, latest, candidates, configHash.Value, time.GetUtcNow()));
    }

    private AdmissionResponse Answer(AdmissionRequest request, AdmissionDecision decision)
    {
        if (decision.Allowed)
        {
            AdmissionLog.Allowed(logger, request.Uid, request.Operation, request.Subject, decision.Mode, request.DryRun, decision.Message);
            metrics.Record(decision.Mode, "allow");
            return new AdmissionResponse(request.Uid, true) { Warnings = decision.Warnings.Count == 0 ? null : decision.Warnings };
        }

        if (!options.Value.Enforce)
        {
            AdmissionLog.AuditAllowed(logger, request.Uid, request.Operation, request.Subject, request.DryRun, decision.Message);
            metrics.Record(decision.Mode, "audit_deny");
            return new AdmissionResponse(request.Uid, true) { Warnings = [$"AUDIT (HealthGate Admission:Enforce is false), enforcement would deny: {decision.Message}"] };
        }

        AdmissionLog.Denied(logger, request.Uid, request.Operation, request.Subject, request.DryRun, decision.Message);
        metrics.Record(decision.Mode, "deny");
        return new AdmissionResponse(request.Uid, false) { Status = new(StatusCodes.Status403Forbidden, decision.Message) };
    }
}
