namespace HealthGate.Audit;

/// <summary>The line labels of the text export, one list for the renderer and the parser.</summary>
internal static class OpLogTextLabels
{
    public const string Mode = "Mode";

    /// <summary>The exact mode, only when upper-casing <see cref="Mode"/> would lose it (a mode not in lower case).</summary>
    public const string ModeToken = "Mode Token";

    public const string Run = "Run";
    public const string Verdict = "Verdict";
    public const string ExitCode = "Exit Code";
    public const string Failures = "Failures";
    public const string Override = "Override";
    public const string OverrideKind = "Override Kind";
    public const string Reason = "Reason";

    /// <summary>Derived from the override's approvals when the renderer is given them; informational, never parsed.</summary>
    public const string ApprovedBy = "Approved By";

    /// <summary>The ticket, as <c>Ticket #1234</c> (the operations documents' wording).</summary>
    public const string Documentation = "Documentation";

    public const string Impact = "Impact";
    public const string Mitigation = "Mitigation";
    public const string Role = "Role";
    public const string Comment = "Comment";
    public const string Decision = "Decision";
    public const string DecisionToken = "Decision Token";

    /// <summary>The name of whoever caused the entry; <see cref="DecidedBy"/> on a person's decision.</summary>
    public const string Operator = "Operator";

    public const string DecidedBy = "Decided By";

    /// <summary>Their id and kind: <c>olga (person)</c>.</summary>
    public const string Who = "Who";

    public const string Seq = "Seq";

    /// <summary>The desk of the chain, for a desk other than <c>default</c> (hashed with the entry).</summary>
    public const string Desk = "Desk";
    public const string At = "At";
    public const string Kind = "Kind";
    public const string Config = "Config";
    public const string PrevHash = "Prev Hash";
    public const string Hash = "Hash";
    public const string Signature = "Signature";

    /// <summary>Documentation's value starts with this word.</summary>
    public const string TicketWord = "Ticket";

    /// <summary>Block header time, as the operations documents print it (UTC).</summary>
    public const string HeaderTime = "yyyy-MM-dd HH:mm:ss";

    /// <summary>At's exact form when the time has ticks below the millisecond (the hash keeps milliseconds).</summary>
    public const string PreciseTime = "yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'";

    /// <summary>Escaped in a failure's check and tier, and in a Who id and kind, so the parser can split them.</summary>
    public const string CheckDelimiters = "(;";
    public const string TierDelimiters = ");";
    public const string ReasonDelimiters = ";";
    public const string WhoIdDelimiters = "(";
    public const string WhoKindDelimiters = ")";
}
