using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using HealthGate.Http;
using HealthGate.Tests.Infrastructure;
using static HealthGate.Testing.TestCertificates;

namespace HealthGate.Tests.Http;

/// <summary>
/// The default TLS certificate read again when its files change, in each form Kestrel reads from files: PEM with its
/// chain, encrypted PEM, PKCS#12. The configured path is a link moved to each new version, as a Secret volume's is.
/// </summary>
public sealed class RenewedCertificateTests : IDisposable
{
    private const int Renewed = 8004;
    private const int NotRenewed = 8005;
    private const string Password = "correct-horse-9";

    private readonly TempDirectory _directory = new();
    private readonly CapturingLoggerProvider _log = new();
    private int _version;

    public void Dispose()
    {
        _log.Dispose();
        _directory.Dispose();
    }

    [Fact]
    public void UnchangedFilesKeepTheCertificateKestrelLoadedAndAChangedPemIsServedWithItsIntermediate()
    {
        using var root = Authority("root", issuer: null);
        using var intermediate = Authority("intermediate", root);
        using var first = Leaf("first", intermediate);
        var (cert, key) = Publish(first.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem(), KeyPem(first));
        var renewed = new RenewedCertificate(cert, key, password: null, _log.CreateLogger("tls"));

        Assert.Null(renewed.Current());
        Assert.Empty(_log.Entries);

        using var second = Leaf("second", intermediate);
        Publish(second.ExportCertificatePem() + "\n" + intermediate.ExportCertificatePem(), KeyPem(second));
        var current = renewed.Current();
        Assert.True(current is not null, string.Join("\n", _log.Entries.Select(e => e.Message)));

        Assert.Equal(second.Thumbprint, current!.TargetCertificate.Thumbprint);
        Assert.Contains(current.IntermediateCertificates, c => c.Thumbprint == intermediate.Thumbprint);
        Assert.DoesNotContain(current.IntermediateCertificates, c => c.Thumbprint == second.Thumbprint);
        Assert.Same(current, renewed.Current());
        Assert.Contains(second.Thumbprint, Assert.Single(_log.WithEventId(Renewed)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ARenewalWhoseKeyIsNotItsCertificatesKeepsTheOneInServiceUntilAGoodOneArrives()
    {
        using var first = SelfSigned("first");
        using var second = SelfSigned("second");
        using var stray = SelfSigned("stray");
        var (cert, key) = Publish(first.ExportCertificatePem(), KeyPem(first));
        var renewed = new RenewedCertificate(cert, key, password: null, _log.CreateLogger("tls"));
        Publish(second.ExportCertificatePem(), KeyPem(second));
        Assert.Equal(second.Thumbprint, renewed.Current()!.TargetCertificate.Thumbprint);

        Publish(first.ExportCertificatePem(), KeyPem(stray));

        Assert.Equal(second.Thumbprint, renewed.Current()!.TargetCertificate.Thumbprint);
        Assert.Single(_log.WithEventId(NotRenewed));
        Assert.Equal(second.Thumbprint, renewed.Current()!.TargetCertificate.Thumbprint);
        Assert.Single(_log.WithEventId(NotRenewed));

        Publish(first.ExportCertificatePem(), KeyPem(first));
        Assert.Equal(first.Thumbprint, renewed.Current()!.TargetCertificate.Thumbprint);
    }

    [Fact]
    public void AnEncryptedPemAndAPkcs12AreReadWithTheirPasswordWhichNoLogLineShows()
    {
        using var first = SelfSigned("first");
        using var second = SelfSigned("second");
        var encrypted = new PbeParameters(PbeEncryptionAlgorithm.Aes256Cbc, HashAlgorithmName.SHA256, 100_000);
        var (cert, key) = Publish(first.ExportCertificatePem(), first.GetECDsaPrivateKey()!.ExportEncryptedPkcs8PrivateKeyPem(Password, encrypted));
        var pem = new RenewedCertificate(cert, key, Password, _log.CreateLogger("tls"));
        Publish(second.ExportCertificatePem(), second.GetECDsaPrivateKey()!.ExportEncryptedPkcs8PrivateKeyPem(Password, encrypted));
        Assert.Equal(second.Thumbprint, pem.Current()!.TargetCertificate.Thumbprint);

        var pfx = Link("tls.pfx", first.Export(X509ContentType.Pkcs12, Password));
        var pkcs12 = new RenewedCertificate(pfx, keyPath: null, Password, _log.CreateLogger("tls"));
        Assert.Null(pkcs12.Current());
        Link("tls.pfx", second.Export(X509ContentType.Pkcs12, Password));
        Assert.Equal(second.Thumbprint, pkcs12.Current()!.TargetCertificate.Thumbprint);

        Link("tls.pfx", first.Export(X509ContentType.Pkcs12, "another-password"));
        Assert.Equal(second.Thumbprint, pkcs12.Current()!.TargetCertificate.Thumbprint);
        Assert.Single(_log.WithEventId(NotRenewed));
        Assert.All(_log.Entries, e => Assert.DoesNotContain(Password, e.Message, StringComparison.Ordinal));
    }

    private (string Certificate, string Key) Publish(string certificatePem, string keyPem) =>
        (Link("tls.crt", System.Text.Encoding.ASCII.GetBytes(certificatePem)), Link("tls.key", System.Text.Encoding.ASCII.GetBytes(keyPem)));

    /// <summary>Writes a new version of a file and moves the link at <paramref name="name"/> to it.</summary>
    private string Link(string name, byte[] content)
    {
        var version = Path.Combine(_directory.Path, $"v{++_version}-{name}");
        File.WriteAllBytes(version, content);
        var link = Path.Combine(_directory.Path, name);
        File.Delete(link);
        File.CreateSymbolicLink(link, version);
        return link;
    }
}
