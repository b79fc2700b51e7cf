namespace HealthGate.Contracts;

/// <summary>
/// Who did something, as the credential proved it: a person (their configured id and display name) or a service key
/// (its name, never its value). Identity is never read from a request body.
/// </summary>
public sealed record Actor(string Id, string Name, string Kind)
{
    public const string Person = "person";
    public const string Service = "service";

    public bool IsPerson => Kind == Person;
}
