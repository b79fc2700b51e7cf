using System.Globalization;
using System.Text.Json;
using System.Threading.Channels;
using HealthGate.Acknowledgements;
using HealthGate.Contracts;
using HealthGate.Dashboard;
using HealthGate.Hosting;
using HealthGate.Runs;
using HealthGate.Storage;
using Microsoft.Extensions.Options;
using Npgsql;
using JsonOptions = Microsoft.AspNetCore.Http.Json.JsonOptions;

namespace HealthGate.Replication;

/// <summary>
/// Keeps one listening connection (<c>LISTEN</c>) and feeds each run another replica recorded, read by id from the
/// store, into this replica's dashboard exactly as a local run is fed (<c>/checks</c>, check history, <c>/events</c>),
/// and each override change and acknowledgement into <c>/events</c> (an acknowledgement into the book too). A lost connection (a server restart, a terminated backend) is
/// reopened with back-off, and once listening again the runs recorded meanwhile are read from the store: nothing is
/// missed. One worker takes notifications and catch-ups in turn, so a run is fed once and in order.
/// </summary>
internal sealed class ReplicaListener(
    ReplicaConnections connections,
    ReplicaChannels channels,
    SeenRuns seen,
    RunArrivals arrivals,
    IRunStore runs,
    IOverrideStore overrides,
    IAcknowledgementStore acknowledgements,
    AcknowledgementBook book,
    DashboardFeed feed,
    DashboardEvents events,
    IOptions<JsonOptions> json,
    TimeProvider time,
    ILogger<ReplicaListener> logger) : BackgroundService
{
    /// <summary>How far a catch-up reads back: the newest runs, of which those not yet seen are fed.</summary>
    public const int CatchUpLimit = 500;

    /// <summary>How far a catch-up reads back in overrides: the newest, of which those that changed are told.</summary>
    public const int OverrideCatchUpLimit = 200;

    public static readonly TimeSpan FirstRetry = TimeSpan.FromMilliseconds(250);

    public static readonly TimeSpan LastRetry = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A run is recorded after it ran, so one started before the newest seen may be recorded after it: a catch-up
    /// reads back this much before the newest start it has seen (the seen ids keep any of them from being fed twice).
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    private readonly Channel<Work> _work = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly JsonSerializerOptions _json = json.Value.SerializerOptions;
    private readonly SeenOverrides _seenOverrides = new();

    /// <summary>The listening connection's backend id while it listens, else null (for tests that cut it).</summary>
    public int? ListenerPid { get; private set; }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!connections.Enabled)
        {
            return;
        }

        var worker = WorkAsync(stoppingToken);
        var retry = FirstRetry;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(() => retry = FirstRetry, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                ListenerPid = null;
                ReplicationLog.ListenerLost(logger, ex.GetType().Name, (long)retry.TotalMilliseconds);
                if (!await time.DelayOrStopAsync(retry, stoppingToken))
                {
                    break;
                }

                retry = TimeSpan.FromTicks(Math.Min(retry.Ticks * 2, LastRetry.Ticks));
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }

        ListenerPid = null;
        _work.Writer.TryComplete();
        await worker;
    }

    private async Task ListenAsync(Action listening, CancellationToken stoppingToken)
    {
        await using var connection = new NpgsqlConnection(connections.ListenerConnectionString);
        await connection.OpenAsync(stoppingToken);
        connection.Notification += (_, e) =>
        {
            if (!connections.IsOwn(e.PID) && channels.KindOf(e.Channel) is { } kind)
            {
                _work.Writer.TryWrite(new Work(kind, e.Payload));
            }
        };
        await using (var command = new NpgsqlCommand($"LISTEN {channels.Runs}; LISTEN {channels.Overrides}; LISTEN {channels.Acknowledgements}", connection))
        {
            await command.ExecuteNonQueryAsync(stoppingToken);
        }

        ListenerPid = connection.ProcessID;
        ReplicationLog.Listening(logger, connection.ProcessID);
        listening();
        // Listening first, then read: a run recorded in between is both notified and read, and fed once.
        _work.Writer.TryWrite(Work.CatchUp);
        while (true)
        {
            await connection.WaitAsync(stoppingToken);
        }
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var work in _work.Reader.ReadAllAsync(CancellationToken.None))
        {
            if (stoppingToken.IsCancellationRequested)
            {
                continue;
            }

            try
            {
                switch (work.Kind)
                {
                    case ReplicaChannels.RunsKind:
                        await RunAsync(work.Id, stoppingToken);
                        break;
                    case ReplicaChannels.OverridesKind:
                        await OverrideAsync(work.Id, stoppingToken);
                        break;
                    case ReplicaChannels.AcknowledgementsKind:
                        await AcknowledgementAsync(work.Id, stoppingToken);
                        break;
                    default:
                        await CatchUpAsync(stoppingToken);
                        break;
                }
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                ReplicationLog.ReadFailed(logger, work.Kind, work.Id, ex.GetType().Name);
            }
            catch (OperationCanceledException)
            {
            }
        }
    }

    private async Task RunAsync(string runId, CancellationToken cancellationToken)
    {
        if (seen.Contains(runId) || await runs.FindRunAsync(runId, cancellationToken) is not { } run)
        {
            return;
        }

        await FeedAsync(run);
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        var since = seen.Newest - Overlap;
        var recent = await runs.ListRunsAsync(mode: null, CatchUpLimit, cancellationToken);
        var fed = 0;
        foreach (var run in recent.Where(r => r.StartedAt >= since && !seen.Contains(r.RunId)).OrderBy(r => r.StartedAt))
        {
            if (await FeedAsync(run))
            {
                fed++;
            }
        }

        var told = 0;
        foreach (var current in await overrides.ListOverridesAsync(state: null, beforeId: null, OverrideCatchUpLimit, cancellationToken))
        {
            if (_seenOverrides.Changed(current.Id, current.State))
            {
                Tell(current);
                told++;
            }
        }

        if (fed + told > 0)
        {
            ReplicationLog.CaughtUp(logger, fed, told);
        }

        // An acknowledgement announced while this replica was not listening is read back with the rest.
        await book.ReloadAsync(cancellationToken);
    }

    private async Task<bool> FeedAsync(PreflightRun run)
    {
        arrivals.Arrived(run);
        if (!seen.Add(run.RunId, run.StartedAt))
        {
            return false;
        }

        await feed.OnRunCompletedAsync(CompletedRun.OfPreflight(run), CancellationToken.None);
        return true;
    }

    private async Task OverrideAsync(string id, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var overrideId)
            || await overrides.FindOverrideAsync(overrideId, cancellationToken) is not { } current)
        {
            return;
        }

        _seenOverrides.Changed(current.Id, current.State);
        Tell(current);
    }

    private void Tell(OverrideRecord current)
    {
        // The page reads the rest from /overrides; the entry kind is the one that leads to the state it is in now.
        var data = new OverrideChanged(current.Id, current.State, EntryOf(current.State));
        events.Publish(new DashboardEvent(DashboardEvent.Override, JsonSerializer.Serialize(data, _json)));
    }

    private async Task AcknowledgementAsync(string id, CancellationToken cancellationToken)
    {
        if (!long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var acknowledgementId)
            || await acknowledgements.FindAcknowledgementAsync(acknowledgementId, cancellationToken) is not { } found
            || !book.Add(found))
        {
            return;
        }

        events.Publish(new DashboardEvent(DashboardEvent.Acknowledgement, JsonSerializer.Serialize(CheckAcknowledged.Of(found), _json)));
    }

    private static string EntryOf(string state) => state switch
    {
        OverrideStates.Approved => OpLogEvents.OverrideApproved,
        OverrideStates.Rejected => OpLogEvents.OverrideRejected,
        OverrideStates.Expired => OpLogEvents.OverrideExpired,
        OverrideStates.Used => OpLogEvents.OverrideUsed,
        _ => OpLogEvents.OverrideRequested,
    };

    private sealed record Work(string Kind, string Id)
    {
        public static readonly Work CatchUp = new("catch-up", "");
    }
}
