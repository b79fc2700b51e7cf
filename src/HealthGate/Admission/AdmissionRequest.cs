namespace HealthGate.Admission;

/// <summary>
/// What the gate reads of an <c>AdmissionReview</c> request: who to answer (<see cref="Uid"/>), what happens to which
/// object, and the object's labels (null when it has none).
/// </summary>
internal sealed record AdmissionRequest(
    string Uid,
    string Operation,
    bool DryRun,
    string Resource,
    string? Namespace,
    string? Name,
    IReadOnlyDictionary<string, string>? Labels)
{
    public const string Create = "CREATE";
    public const string Update = "UPDATE";

    /// <summary>Only a create or an update can start something; a delete or connect stops or inspects, never gated.</summary>
    public bool IsGated => Operation is Create or Update;

    /// <summary>For logs and messages: <c>Deployment trading/executor</c>.</summary>
    public string Subject => $"{Resource} {(string.IsNullOrEmpty(Namespace) ? "" : Namespace + "/")}{(string.IsNullOrEmpty(Name) ? "(generated name)" : Name)}";
}

/// <summary>
/// A review read: either a <see cref="Request"/>, or why it cannot be read and the uid to answer when one was found
/// (then the answer is a denial in an AdmissionReview; without one, a 400 problem).
/// </summary>
internal sealed record AdmissionRead(AdmissionRequest? Request, string? Uid, string? Problem)
{
    public static AdmissionRead Unreadable(string? uid, string problem) => new(null, uid, problem);
}
