using System.Security.Claims;
using HealthGate.Auth;
using HealthGate.Checks;
using HealthGate.Contracts;
using HealthGate.Secrets;
using HealthGate.Storage;

namespace HealthGate.Acknowledgements;

/// <summary>
/// Records a person's acknowledgement of a check with its log entry in one transaction (answered means durable), then
/// puts it in the book and tells the observers. Refuses a service key: silencing a page is a person's call.
/// </summary>
internal sealed class AcknowledgementService(
    IAcknowledgementStore store,
    GateChecks checks,
    AcknowledgementBook book,
    IEnumerable<IAcknowledgementObserver> observers,
    SecretRedactor redactor,
    TimeProvider time,
    ILogger<AcknowledgementService> logger)
{
    /// <summary>The refusal that does not depend on the body: a service key (403) or an unknown check (404); null when neither.</summary>
    public AcknowledgementOutcome.Refused? Refusal(string check, ClaimsPrincipal caller)
    {
        ArgumentNullException.ThrowIfNull(check);
        var who = Principals.Actor(caller);
        if (!who.IsPerson)
        {
            return Refuse(check, StatusCodes.Status403Forbidden, "A person's call", $"a service key ({who.Id}) cannot acknowledge a check: a person does, with their own credential");
        }

        return Known(check) is null
            ? Refuse(check, StatusCodes.Status404NotFound, "Unknown check", $"no check '{check}' is configured (GET /checks lists them)")
            : null;
    }

    public async Task<AcknowledgementOutcome> AcknowledgeAsync(string check, AcknowledgementRequest request, ClaimsPrincipal caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (Refusal(check, caller) is { } refused)
        {
            return refused;
        }

        var who = Principals.Actor(caller);
        var known = Known(check)!;
        var errors = AcknowledgementRules.Validate(request);
        if (errors.Count > 0)
        {
            return new AcknowledgementOutcome.Invalid(errors);
        }

        var draft = AcknowledgementRules.Draft(known.Name, request, who, StoreValues.Truncate(time.GetUtcNow()));
        AcknowledgementRecord stored;
        OpLogRecord entry;
        try
        {
            (stored, entry) = await store.CreateAcknowledgementAsync(draft, AcknowledgementRules.Entry(draft, request.Minutes!.Value), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            AcknowledgementsLog.StoreFailed(logger, known.Name, redactor.Describe(ex));
            return new AcknowledgementOutcome.Unavailable();
        }

        book.Add(stored);
        AcknowledgementsLog.Acknowledged(logger, stored.Check, who.Id, stored.Until, entry.Seq);

        // Not the request's token: a client hanging up after the commit must not keep the other replicas from hearing.
        await Runs.GuardedNotify.EachAsync(
            observers,
            observer => observer.OnAcknowledgedAsync(stored, CancellationToken.None),
            (observer, ex) => AcknowledgementsLog.ObserverFailed(logger, observer.GetType().Name, entry.Seq, $"{ex.GetType().Name}: {ex.Message}"));
        return new AcknowledgementOutcome.Done(stored);
    }

    /// <summary>The configured check of that name, matched without regard to case as check names are everywhere; stored under its configured name.</summary>
    private GateCheck? Known(string check) => checks.All.FirstOrDefault(c => string.Equals(c.Name, check, StringComparison.OrdinalIgnoreCase));

    private AcknowledgementOutcome.Refused Refuse(string check, int status, string title, string detail)
    {
        AcknowledgementsLog.Refused(logger, check, status, detail);
        return new AcknowledgementOutcome.Refused(status, title, detail);
    }
}
