using HealthGate.Storage;
using Microsoft.Extensions.Options;

namespace HealthGate.Notify;

/// <summary>The configured targets, and a message as the outbox rows of those that take it.</summary>
internal sealed class NotifyTargets(IOptions<NotifyOptions> options)
{
    public IReadOnlyList<NotifyTarget> All { get; } = [.. options.Value.Targets.OrderBy(t => t.Key, StringComparer.Ordinal).Select(t => new NotifyTarget(t.Key, t.Value))];

    public bool Any => All.Count > 0;

    public NotifyTarget? Find(string name) => All.FirstOrDefault(t => t.Name == name);

    public IReadOnlyList<OutboxEntry> EntriesFor(NotifyMessage? message)
    {
        if (message is null)
        {
            return [];
        }

        var payload = StoreValues.ToJson(message);
        return [.. All.Where(t => t.Accepts(message)).Select(t => new OutboxEntry(t.Name, message.DedupKey, payload))];
    }
}
