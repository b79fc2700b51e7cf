namespace HealthGate.Deploy.Tests;

/// <summary>HealthGate.Probe, the image's HEALTHCHECK: 0 only for a 2xx answer, 1 for everything else.</summary>
public sealed class HealthProbeTests(HttpStandInFixture fixture) : IClassFixture<HttpStandInFixture>
{
    private readonly HttpStandIn _standIn = fixture.StandIn;

    [Fact]
    public async Task ExitsZeroWhenTheUrlAnswers200()
    {
        _standIn.Respond("/probe/ok", 200, """{"status":"Healthy"}""");

        var result = await ProbeAsync(_standIn.Url("/probe/ok"));

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task ExitsOneWhenTheUrlAnswers503()
    {
        _standIn.Respond("/probe/down", 503, "{}");

        var result = await ProbeAsync(_standIn.Url("/probe/down"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("503", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExitsOneWhenNothingListens()
    {
        var result = await ProbeAsync($"http://127.0.0.1:{FreePort.Next()}/health/live");

        Assert.Equal(1, result.ExitCode);
    }

    [Fact]
    public async Task ExitsOneWhenTheAnswerTakesLongerThanItsTimeout()
    {
        _standIn.Hang("/probe/hang");

        var result = await ProbeAsync(_standIn.Url("/probe/hang"), "0.5");

        Assert.Equal(1, result.ExitCode);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("http://127.0.0.1/health/live", "-1")]
    [InlineData("http://127.0.0.1/health/live", "3", "extra")]
    public async Task ExitsOneOnBadArguments(params string[] args)
    {
        var result = await Tool.RunAsync(DotnetHost.Path, [DotnetHost.Assembly("HealthGate.Probe.dll"), .. args]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("usage", result.Output, StringComparison.Ordinal);
    }

    private static Task<Tool.Result> ProbeAsync(params string[] args) =>
        Tool.RunAsync(DotnetHost.Path, [DotnetHost.Assembly("HealthGate.Probe.dll"), .. args]);
}
