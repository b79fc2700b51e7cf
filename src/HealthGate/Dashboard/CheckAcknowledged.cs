namespace HealthGate.Dashboard;

/// <summary>The data of an <c>acknowledgement</c> event: which check, by whom (person id) and until when; the page reads the rest from <c>/checks</c>.</summary>
internal sealed record CheckAcknowledged(string Check, string By, DateTimeOffset Until)
{
    public static CheckAcknowledged Of(Contracts.AcknowledgementRecord acknowledgement)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        return new(acknowledgement.Check, acknowledgement.By.Id, acknowledgement.Until);
    }
}
