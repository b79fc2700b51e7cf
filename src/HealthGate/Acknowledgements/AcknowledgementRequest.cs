namespace HealthGate.Acknowledgements;

/// <summary>The body of <c>POST /checks/{name}/acknowledgements</c>: how many minutes to silence the check, and why. Who is the credential.</summary>
internal sealed record AcknowledgementRequest(int? Minutes, string? Reason);
