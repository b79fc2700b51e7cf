using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace HealthGate.Checks;

/// <summary>A kind of configured check: the name used in <c>Type</c>, its options class and how to build it.</summary>
internal sealed class CheckType
{
    private readonly Func<CheckOptions> _newOptions;
    private readonly Func<IServiceProvider, CheckOptions, IHealthCheck> _create;

    private CheckType(string name, Func<CheckOptions> newOptions, Func<IServiceProvider, CheckOptions, IHealthCheck> create)
    {
        Name = name;
        _newOptions = newOptions;
        _create = create;
    }

    public string Name { get; }

    public static CheckType Of<TOptions, TCheck>(string name)
        where TOptions : CheckOptions, new()
        where TCheck : IHealthCheck
        => new(name, () => new TOptions(), (services, options) => ActivatorUtilities.CreateInstance<TCheck>(services, options));

    public CheckOptions NewOptions() => _newOptions();

    public IHealthCheck Create(IServiceProvider services, CheckOptions options) => _create(services, options);
}
