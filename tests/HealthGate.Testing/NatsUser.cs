namespace HealthGate.Testing;

/// <summary>A user of a <see cref="NatsServer"/>, with or without the right to publish and to subscribe.</summary>
public sealed record NatsUser(string Name, string Password, bool MayPublish = true, bool MaySubscribe = true);
