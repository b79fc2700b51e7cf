namespace HealthGate.Secrets;

/// <summary>Values a feature holds that must never appear in a response, a metric label, a report or a log line.</summary>
internal interface ISecretSource
{
    IEnumerable<string> Secrets();
}
