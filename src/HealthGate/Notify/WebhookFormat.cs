using System.Security.Cryptography;
using System.Text;

namespace HealthGate.Notify;

/// <summary>
/// A generic webhook: the message as JSON, signed in <c>X-HealthGate-Signature: sha256=&lt;hex HMAC-SHA256 of the
/// body bytes&gt;</c> with the target's secret, and its dedup key in <c>X-HealthGate-Dedup-Key</c>.
/// </summary>
internal static class WebhookFormat
{
    public const string SignatureHeader = "X-HealthGate-Signature";
    public const string DedupHeader = "X-HealthGate-Dedup-Key";

    public static HttpRequestMessage Request(NotifyMessage message, NotifyTargetOptions target)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(target);
        var body = Encoding.UTF8.GetBytes(Storage.StoreValues.ToJson(message));
        var request = NotifyHttp.Json(target.EffectiveUrl, body);
        request.Headers.Add(SignatureHeader, Signature(body, target.Secret ?? ""));
        request.Headers.Add(DedupHeader, message.DedupKey);
        return request;
    }

    public static string Signature(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
