using System.Globalization;
using HealthGate.Contracts;

namespace HealthGate.Acknowledgements;

/// <summary>What an acknowledgement must be, decided without a host: a person, a length within bounds, a reason.</summary>
internal static class AcknowledgementRules
{
    /// <summary>A day: longer than a shift would outlive whoever knew why the check was silenced.</summary>
    public const int MaxMinutes = 1440;

    public const int MaxReasonLength = 1000;

    /// <summary>The mode an acknowledgement's log entry carries: it silences the check whichever mode runs it.</summary>
    public const string AllModes = "all";

    /// <summary>Why the request cannot be taken, field by field; empty when it can.</summary>
    public static Dictionary<string, string[]> Validate(AcknowledgementRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        if (request.Minutes is not (>= 1 and <= MaxMinutes))
        {
            errors["minutes"] = [$"must be a whole number of minutes from 1 to {MaxMinutes}"];
        }

        if (string.IsNullOrWhiteSpace(request.Reason))
        {
            errors["reason"] = ["must say why the check's notifications are silenced"];
        }
        else if (request.Reason.Length > MaxReasonLength)
        {
            errors["reason"] = [$"must be at most {MaxReasonLength} characters"];
        }

        return errors;
    }

    /// <summary>The acknowledgement as it will be stored (<paramref name="now"/> to now + minutes).</summary>
    public static AcknowledgementRecord Draft(string check, AcknowledgementRequest request, Actor by, DateTimeOffset now) => new()
    {
        Check = check,
        By = by,
        At = now,
        Until = now.AddMinutes(request.Minutes!.Value),
        Reason = request.Reason!.Trim(),
    };

    /// <summary>Its operational log entry: the person, their reason, and the check and end in the comment.</summary>
    public static OpLogRecord Entry(AcknowledgementRecord draft, int minutes) => new()
    {
        Kind = OpLogEvents.CheckAcknowledged,
        Mode = AllModes,
        Decision = OpLogEvents.Silence,
        Who = draft.By,
        Reason = draft.Reason,
        Comment = string.Create(CultureInfo.InvariantCulture, $"check {draft.Check} silenced for {minutes} min, until {Timestamps.ToText(draft.Until)}"),
    };
}
