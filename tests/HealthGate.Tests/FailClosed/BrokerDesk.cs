using System.Text.Json;

namespace HealthGate.Tests.FailClosed;

/// <summary>
/// A desk whose trading system talks through RabbitMQ and NATS, as a user runs it: the real service process with a P0
/// disk check and P1 <c>rabbitmq</c> and <c>nats</c> checks on a real node and a real server of the test's own. The
/// node also holds users short of rights and the server users denied publish or subscribe, for desks started per row.
/// </summary>
public sealed class BrokerDesk : IAsyncLifetime
{
    public const string Password = "broker-rows-Secret-6t4";

    private static readonly string[] PaperTiers = ["P0"];
    private static readonly string[] LiveTiers = ["P0", "P1"];

    private readonly TempDirectory _directory = new();

    public RabbitMqServer Rabbit { get; } = new();

    public NatsServer Nats { get; } = new("desk", Password)
    {
        Users =
        {
            new NatsUser("no-publish", Password, MayPublish: false),
            new NatsUser("no-subscribe", Password, MaySubscribe: false),
            new NatsUser("no-rights", Password, MayPublish: false, MaySubscribe: false),
        },
    };

    /// <summary>RabbitMQ users by name and their configure, write and read patterns (none: added without any right).</summary>
    public static IReadOnlyDictionary<string, string[]?> RabbitUsers { get; } = new Dictionary<string, string[]?>
    {
        ["no-rights"] = null,
        ["no-configure"] = ["^$", ".*", ".*"],
        ["no-write"] = [".*", "^$", ".*"],
        ["no-read"] = [".*", ".*", "^$"],
    };

    public ServiceProcess Service { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        await Task.WhenAll(Rabbit.InitializeAsync(), Nats.InitializeAsync());
        foreach (var (user, rights) in RabbitUsers)
        {
            await Rabbit.CtlAsync("add_user", user, Password);
            if (rights is not null)
            {
                await Rabbit.CtlAsync(["set_permissions", "-p", "/", user, .. rights]);
            }
        }

        Service = await StartAsync(Rabbit.ConnectionString, Nats.UrlWithCredentials);
    }

    public string RabbitUri(string user) => $"amqp://{user}:{Password}@127.0.0.1:{Rabbit.Port}/";

    public string NatsUrl(string user) => $"nats://{user}:{Password}@127.0.0.1:{Nats.Port}";

    /// <summary>A desk of its own: the P0 disk check, and P1 <c>broker</c> on <paramref name="amqp"/> and <c>bus</c> on <paramref name="nats"/>.</summary>
    public async Task<ServiceProcess> StartAsync(string amqp, string nats)
    {
        var name = $"desk-{Guid.NewGuid():N}";
        var config = _directory.WriteConfig(
            new
            {
                HealthGate = new
                {
                    Checks = new Dictionary<string, object>
                    {
                        ["disk"] = TempDirectory.BaselineCheck,
                        ["broker"] = new { Type = "rabbitmq", Tier = "P1", ConnectionString = amqp, TimeoutMs = 5000 },
                        ["bus"] = new { Type = "nats", Tier = "P1", Url = nats, TimeoutMs = 5000 },
                    },
                    Modes = new { paper = new { Tiers = PaperTiers }, live = new { Tiers = LiveTiers } },
                },
            },
            $"{name}.json");

        // A working directory, and so a SQLite store, of its own: the row desks run beside the fixture's, and a store serves one process.
        return await ServiceProcess.StartServingAsync(new() { WorkingDirectory = _directory.Subdirectory(name), ConfigFile = config });
    }

    public static async Task<PreflightAnswer> PreflightAsync(ServiceProcess service, string mode)
    {
        using var response = await service.Client.GetAsync(new Uri($"/preflight?mode={mode}", UriKind.Relative));
        return new PreflightAnswer((int)response.StatusCode, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    public async Task DisposeAsync()
    {
        await Service.DisposeAsync();
        await Rabbit.DisposeAsync();
        await Nats.DisposeAsync();
        _directory.Dispose();
    }
}
