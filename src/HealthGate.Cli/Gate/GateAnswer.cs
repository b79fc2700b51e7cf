namespace HealthGate.Cli.Gate;

/// <summary>An HTTP answer of the gate: status code and body text.</summary>
internal sealed record GateAnswer(int Status, string Body)
{
    /// <summary>The gate's <c>Retry-After</c> on a 429, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; init; }

    /// <summary>From sending this request to having its whole body; unset for an answer made up by a test.</summary>
    public RequestWindow? Window { get; init; }

    public bool IsTooManyRequests => Status == 429;

    public bool IsCreated => Status == 201;

    /// <summary>One line that says why the gate refused, for the operator.</summary>
    public string Cause => $"HTTP {Status}: {ProblemText.Of(Body)}";

    /// <summary>The gate's reason in the form people quote it: <c>403: the requester cannot approve their own override</c>.</summary>
    public string Refusal => $"{Status}: {ProblemText.Reason(Body)}";
}
