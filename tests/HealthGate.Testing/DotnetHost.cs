namespace HealthGate.Testing;

/// <summary>The <c>dotnet</c> host that runs framework-dependent apps, as the image's "dotnet X.dll" commands do.</summary>
public static class DotnetHost
{
    public static string Path =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { } host && File.Exists(host)
            ? host
            : Binaries.Find("dotnet", "dotnet-sdk-10.0", "/usr/share/dotnet", "/usr/lib/dotnet");

    /// <summary>An assembly the tests reference (the service, the probe), next to the test binaries.</summary>
    public static string Assembly(string fileName)
    {
        var path = System.IO.Path.Combine(AppContext.BaseDirectory, fileName);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{fileName} is not next to the test binaries", path);
    }
}
