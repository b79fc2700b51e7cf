using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace HealthGate.Testing;

/// <summary>
/// Certificates minted by a test (P-256, valid from five minutes ago for a day, for <c>localhost</c> and 127.0.0.1):
/// self-signed, or issued by another one, as an authority or a leaf.
/// </summary>
public static class TestCertificates
{
    public static X509Certificate2 SelfSigned(string subject) => Create(subject, issuer: null, authority: false);

    public static X509Certificate2 Authority(string subject, X509Certificate2? issuer) => Create(subject, issuer, authority: true);

    public static X509Certificate2 Leaf(string subject, X509Certificate2 issuer) => Create(subject, issuer, authority: false);

    /// <summary>The certificate's private key as the PEM a Kubernetes TLS Secret holds in <c>tls.key</c>.</summary>
    public static string KeyPem(X509Certificate2 certificate)
    {
        ArgumentNullException.ThrowIfNull(certificate);
        return certificate.GetECDsaPrivateKey()!.ExportECPrivateKeyPem();
    }

    private static X509Certificate2 Create(string subject, X509Certificate2? issuer, bool authority)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={subject}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(authority, false, 0, authority));
        var now = DateTimeOffset.UtcNow;
        if (issuer is null)
        {
            return request.CreateSelfSigned(now.AddMinutes(-5), now.AddDays(1));
        }

        using var issued = request.Create(issuer, now.AddMinutes(-5), now.AddDays(1), RandomNumberGenerator.GetBytes(8));
        return issued.CopyWithPrivateKey(key);
    }
}
