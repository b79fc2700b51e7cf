using HealthGate.Auth;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HealthGate.Tests.Overrides;

/// <summary>
/// Authentication brings Data Protection, whose hosted service would build a key ring (XML, cryptography) at start;
/// the gate protects no data, so that service is removed, and Data Protection still works if anything asks for it.
/// </summary>
public sealed class DataProtectionStartupTests
{
    [Fact]
    public async Task NoKeyRingIsBuiltAtStartYetAProtectorStillRoundTrips()
    {
        // The name is matched as a string (the type is internal): if a new ASP.NET Core renamed it, the removal would
        // silently do nothing, so this asserts the type is still there to be found and is gone from the gate's host.
        Assert.NotNull(Type.GetType($"{AuthServiceCollectionExtensions.DataProtectionHostedService}, Microsoft.AspNetCore.DataProtection"));
        await using var app = HealthGateApplication.With(("Auth:ApiKeys:ops", "dp-key-5c2"));
        using var client = app.CreateClient();

        var hosted = app.Services.GetServices<IHostedService>().Select(s => s.GetType().FullName).ToList();
        Assert.NotEmpty(hosted);
        Assert.DoesNotContain(AuthServiceCollectionExtensions.DataProtectionHostedService, hosted);

        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("test");
        Assert.Equal("x", protector.Unprotect(protector.Protect("x")));
    }
}
