using HealthGate.Acknowledgements;
using HealthGate.Notify;
using Microsoft.Extensions.DependencyInjection;

namespace HealthGate.Tests.Notify;

public sealed class NotifySilenceWiringTests
{
    [Fact]
    public async Task TheServiceSilencesNotificationsThroughTheAcknowledgementBook()
    {
        await using var app = HealthGateApplication.With();
        using var client = app.CreateClient();

        var silence = app.Services.GetRequiredService<INotifySilence>();

        Assert.IsType<AcknowledgementSilence>(silence);
        Assert.False(silence.IsSilenced("baseline-disk", DateTimeOffset.UtcNow));
    }
}
