using System.Text;

namespace HealthGate.Audit;

/// <summary>
/// The event name an entry is shown under, in the operations documents' style (<c>HEALTH_CHECK_FAILED</c>,
/// <c>OVERRIDE_FORCE_START</c>). {KIND} is the override kind upper-cased (<c>FORCE_START</c>,
/// <c>SKIP_HEALTH_CHECK</c>), left out when the entry has none:
/// <list type="table">
/// <item><term>preflight_failure</term><description>HEALTH_CHECK_FAILED</description></item>
/// <item><term>override_requested</term><description>OVERRIDE_{KIND}_REQUESTED; OVERRIDE_{KIND}_REFUSED when the decision is <c>refused</c></description></item>
/// <item><term>override_decided</term><description>APPROVAL (approve), REJECTION (reject), else OVERRIDE_DECISION</description></item>
/// <item><term>override_approved</term><description>OVERRIDE_{KIND}_APPROVED: every needed role filled</description></item>
/// <item><term>override_rejected</term><description>OVERRIDE_{KIND}_REJECTED</description></item>
/// <item><term>override_expired</term><description>OVERRIDE_{KIND}_EXPIRED</description></item>
/// <item><term>override_used</term><description>OVERRIDE_{KIND}: the operations documents' entry for an override's use</description></item>
/// <item><term>check_acknowledged</term><description>CHECK_ACKNOWLEDGED: a person silenced a check's notifications</description></item>
/// <item><term>any other kind</term><description>the kind upper-cased (a kind added later still shows)</description></item>
/// </list>
/// The heading is for people; the text export also carries the exact <c>Kind:</c>, so nothing is parsed from it.
/// </summary>
internal static class OpLogHeadings
{
    public static string Of(OpLogRecord entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var kind = entry.OverrideKind is { Length: > 0 } overrideKind ? "_" + overrideKind : "";
        var heading = entry.Kind switch
        {
            OpLogEvents.PreflightFailure => "HEALTH_CHECK_FAILED",
            OpLogEvents.OverrideRequested when entry.Decision == OpLogEvents.Refused => $"OVERRIDE{kind}_REFUSED",
            OpLogEvents.OverrideRequested => $"OVERRIDE{kind}_REQUESTED",
            OpLogEvents.OverrideDecided when entry.Decision == OpLogEvents.Approve => "APPROVAL",
            OpLogEvents.OverrideDecided when entry.Decision == OpLogEvents.Reject => "REJECTION",
            OpLogEvents.OverrideDecided => "OVERRIDE_DECISION",
            OpLogEvents.OverrideApproved => $"OVERRIDE{kind}_APPROVED",
            OpLogEvents.OverrideRejected => $"OVERRIDE{kind}_REJECTED",
            OpLogEvents.OverrideExpired => $"OVERRIDE{kind}_EXPIRED",
            OpLogEvents.OverrideUsed => $"OVERRIDE{kind}",
            OpLogEvents.CheckAcknowledged => "CHECK_ACKNOWLEDGED",
            _ => entry.Kind,
        };
        return Token(heading);
    }

    /// <summary>Upper case, and anything but a letter or digit as '_', so a stored kind can never break the line.</summary>
    private static string Token(string heading)
    {
        var token = new StringBuilder(heading.Length);
        foreach (var c in heading.ToUpperInvariant())
        {
            token.Append(c is (>= 'A' and <= 'Z') or (>= '0' and <= '9') ? c : '_');
        }

        return token.Length == 0 ? "ENTRY" : token.ToString();
    }
}
