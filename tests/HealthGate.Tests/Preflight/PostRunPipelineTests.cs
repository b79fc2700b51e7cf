using System.Net;
using HealthGate.Runs;
using HealthGate.Storage;
using HealthGate.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGate.Tests.Preflight;

/// <summary>After a run: recorded first, then every observer told, each guarded, whatever the registration order.</summary>
public sealed class PostRunPipelineTests
{
    [Fact]
    public async Task ObserversHearOfARunOnlyOnceItIsRecordedAndAFailingOneStopsNeitherTheOthersNorTheAnswer()
    {
        var seen = new SeenInStore();
        await using var app = new HealthGateApplication(new Dictionary<string, string?>())
        {
            // Registered before the service's own observers, and the first one throws.
            ExtraServices = s =>
            {
                s.AddSingleton<IRunObserver, ThrowingObserver>();
                s.AddSingleton<IRunObserver>(sp => new StoreCheckingObserver(sp.GetRequiredService<IGateStore>(), seen));
            },
        };
        using var client = app.CreateClient();

        var response = await client.GetAsync(new Uri("/preflight?mode=paper", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(seen.Value, "the second observer was not told, or the run was not in the store when it was");
    }

    private sealed class SeenInStore
    {
        public bool Value { get; set; }
    }

    private sealed class ThrowingObserver : IRunObserver
    {
        public Task OnRunCompletedAsync(CompletedRun run, CancellationToken cancellationToken) =>
            run.Preflight is null ? Task.CompletedTask : throw new InvalidOperationException("observer down");
    }

    private sealed class StoreCheckingObserver(IGateStore store, SeenInStore seen) : IRunObserver
    {
        public async Task OnRunCompletedAsync(CompletedRun run, CancellationToken cancellationToken)
        {
            if (run.Preflight is { } preflight)
            {
                seen.Value = await store.FindRunAsync(preflight.RunId, cancellationToken) is not null;
            }
        }
    }
}
