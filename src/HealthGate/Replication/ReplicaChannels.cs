using System.Security.Cryptography;
using System.Text;
using HealthGate.Desks;
using HealthGate.Leadership;

namespace HealthGate.Replication;

/// <summary>
/// The PostgreSQL notification channels of one desk's replicas. A payload is an id only: the content is read from the
/// store. Channels are per desk, so desks sharing a database never wake each other; the default desk keeps the plain
/// names (a replica of an earlier version still hears it during an upgrade), another desk's carry a hash of its name
/// (a channel is an identifier of at most 63 bytes, which a desk name need not fit).
/// </summary>
internal sealed class ReplicaChannels
{
    /// <summary>A recorded preflight; the payload is its run id.</summary>
    public const string RunsKind = "healthgate_runs";

    /// <summary>A durable override change; the payload is the override id.</summary>
    public const string OverridesKind = "healthgate_overrides";

    /// <summary>A durable acknowledgement; the payload is its id.</summary>
    public const string AcknowledgementsKind = "healthgate_acknowledgements";

    public ReplicaChannels(DeskName desk)
    {
        ArgumentNullException.ThrowIfNull(desk);
        var suffix = desk.Value == DeskOptions.DefaultName
            ? ""
            : "_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(desk.Value)))[..16];
        Runs = RunsKind + suffix;
        Overrides = OverridesKind + suffix;
        Acknowledgements = AcknowledgementsKind + suffix;
    }

    public string Runs { get; }

    public string Overrides { get; }

    public string Acknowledgements { get; }

    /// <summary>What a notification on <paramref name="channel"/> carries (one of the kinds), or null for another desk's.</summary>
    public string? KindOf(string channel) =>
        channel == Runs ? RunsKind
        : channel == Overrides ? OverridesKind
        : channel == Acknowledgements ? AcknowledgementsKind
        : null;
}
