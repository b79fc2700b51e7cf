using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

namespace HealthGate.Http;

/// <summary>
/// Kestrel's default certificate (<c>Kestrel:Certificates:Default</c>), read again once its files change, so a
/// certificate cert-manager renews is served without a restart. Kestrel loads the files at start and does not see a
/// Kubernetes Secret volume change (the kubelet swaps a directory link; the file links keep their own times), so
/// every new TLS connection compares what the links lead to now with what was last loaded: a few stat calls, on a
/// path (the webhook's) that sees a handshake per API server connection. A renewal that cannot be read (a key that is
/// not the certificate's) is logged and the certificate in service is kept: the gate never stops serving TLS for a
/// bad renewal, and tries again when the files change again.
/// </summary>
internal sealed class RenewedCertificate(string certificatePath, string? keyPath, string? password, ILogger logger)
{
    private readonly Lock _lock = new();
    private string _loaded = Stamp(certificatePath, keyPath);
    private SslStreamCertificateContext? _renewed;

    /// <summary>The renewed certificate with its chain, or null while the files are still those Kestrel loaded at start.</summary>
    public SslStreamCertificateContext? Current()
    {
        var stamp = Stamp(certificatePath, keyPath);
        lock (_lock)
        {
            if (stamp == _loaded)
            {
                return _renewed;
            }

            _loaded = stamp;
            try
            {
                var (certificate, chain) = Load();
                _renewed = SslStreamCertificateContext.Create(certificate, chain, offline: true);
                HttpLog.CertificateRenewed(logger, certificatePath, certificate.Subject, certificate.Thumbprint, certificate.NotAfter);
            }
            catch (Exception ex)
            {
                // Whatever is wrong with the new files, the certificate in service stays: a handshake must not fail for it.
                HttpLog.CertificateNotRenewed(logger, certificatePath, ex.GetType().Name, ex.Message);
            }

            return _renewed;
        }
    }

    /// <summary>What the paths lead to now, through every link, and each target's size and write time.</summary>
    private static string Stamp(params string?[] paths) => string.Join('|', paths.OfType<string>().Select(path =>
    {
        try
        {
            var file = new FileInfo(path);
            var target = file.ResolveLinkTarget(returnFinalTarget: true) as FileInfo ?? file;
            target.Refresh();
            return target.Exists ? $"{target.FullName}:{target.Length}:{target.LastWriteTimeUtc.Ticks}" : $"{path}:missing";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"{path}:unreadable"; // a link loop or a denied directory: nothing to load, the certificate in service stays
        }
    }));

    private (X509Certificate2 Certificate, X509Certificate2Collection Chain) Load()
    {
        if (keyPath is null)
        {
            var bundle = X509CertificateLoader.LoadPkcs12CollectionFromFile(certificatePath, password);
            var leaf = bundle.Single(c => c.HasPrivateKey);
            bundle.Remove(leaf);
            return (leaf, bundle);
        }

        // Each file read once: the leaf, its key and the chain come from the same bytes even if a file changes meanwhile.
        var certificatePem = File.ReadAllText(certificatePath);
        var keyPem = File.ReadAllText(keyPath);
        var certificate = password is null
            ? X509Certificate2.CreateFromPem(certificatePem, keyPem)
            : X509Certificate2.CreateFromEncryptedPem(certificatePem, keyPem, password);
        var chain = new X509Certificate2Collection();
        chain.ImportFromPem(certificatePem);
        chain.RemoveAt(0); // the leaf: CreateFromPem takes the first certificate, the rest is its chain

        return (certificate, chain);
    }
}
