using System.Globalization;
using System.Text.RegularExpressions;

namespace HealthGate.Deploy.Tests;

/// <summary>What the Dockerfile's final stage says about the running container: port, user, directory, commands.</summary>
internal sealed partial record ImageFacts(
    long ExposedPort,
    string ListenUrl,
    long UserId,
    string WorkingDirectory,
    string[] Entrypoint,
    string HealthcheckOptions,
    string[] Healthcheck)
{
    public long ListenPort => Port(ListenUrl);

    public static ImageFacts Load()
    {
        var final = Dockerfile.Load(RepoRoot.File("Dockerfile")).Final;
        var expose = Assert.Single(final.All("EXPOSE"));
        var user = final.Last("USER") ?? throw new Xunit.Sdk.XunitException("the final stage has no USER");
        var healthcheck = final.Last("HEALTHCHECK") ?? throw new Xunit.Sdk.XunitException("the final stage has no HEALTHCHECK");
        var cmd = healthcheck.IndexOf("CMD ", StringComparison.Ordinal);
        Assert.True(cmd >= 0, $"HEALTHCHECK without CMD: {healthcheck}");
        return new ImageFacts(
            long.Parse(expose.Split('/')[0], CultureInfo.InvariantCulture),
            final.Environment().TryGetValue("Urls", out var urls) ? urls : throw new Xunit.Sdk.XunitException("the final stage sets no Urls"),
            long.TryParse(user.Split(':')[0], CultureInfo.InvariantCulture, out var uid) ? uid : throw new Xunit.Sdk.XunitException($"USER '{user}' is not numeric"),
            final.Last("WORKDIR") ?? "/",
            Dockerfile.ExecForm(final.Last("ENTRYPOINT") ?? "[]"),
            healthcheck[..cmd].Trim(),
            Dockerfile.ExecForm(healthcheck[(cmd + 4)..]));
    }

    /// <summary>The port of a URL such as <c>http://+:8080</c>, which <see cref="Uri"/> does not accept.</summary>
    public static long Port(string url)
    {
        var match = PortPattern().Match(url);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : throw new FormatException($"no port in {url}");
    }

    [GeneratedRegex(@"^[a-z]+://[^/;]*:(\d+)(/[^;]*)?$")]
    private static partial Regex PortPattern();
}
