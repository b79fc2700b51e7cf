namespace HealthGate.Notify;

/// <summary>A target's name is a metric label and part of a key: a short, plain spelling.</summary>
internal static class NotifyTargetNames
{
    public static bool IsValid(string name) =>
        name is { Length: > 0 and <= 63 } && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-');
}
