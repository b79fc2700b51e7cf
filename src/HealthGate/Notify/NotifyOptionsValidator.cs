using HealthGate.Checks;
using HealthGate.Configuration;
using Microsoft.Extensions.Options;
using CheckTiers = HealthGate.Checks.CheckTiers;

namespace HealthGate.Notify;

/// <summary>Names every bad key of <c>HealthGate:Notify</c>; a message never quotes a secret's value.</summary>
internal sealed class NotifyOptionsValidator : IValidateOptions<NotifyOptions>
{
    public ValidateOptionsResult Validate(string? name, NotifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ConfigErrors();
        const string key = "HealthGate:Notify";
        if (options.MinReminderMinutes is < 1 or > 24 * 60)
        {
            errors.Add($"{key}:MinReminderMinutes", "must be from 1 to 1440 minutes");
        }

        if (options.TimeoutSeconds is < 1 or > 60)
        {
            errors.Add($"{key}:TimeoutSeconds", "must be from 1 to 60 seconds");
        }

        foreach (var (target, t) in options.Targets)
        {
            var path = $"{key}:Targets:{target}";
            if (!NotifyTargetNames.IsValid(target))
            {
                errors.Add(path, "a target name is 1-63 characters of a-z, A-Z, 0-9, '_' and '-'");
            }

            if (!NotifyTargetOptions.Types.Contains(t.Type))
            {
                errors.Add($"{path}:Type", $"unknown type '{t.Type}' (one of {string.Join(", ", NotifyTargetOptions.Types)})");
                continue;
            }

            if (t.Type == NotifyTargetOptions.PagerDuty)
            {
                errors.Require($"{path}:RoutingKey", t.RoutingKey);
                if (!string.IsNullOrWhiteSpace(t.Url))
                {
                    errors.RequireAbsoluteHttpUrl($"{path}:Url", t.Url);
                }
            }
            else
            {
                RequireUrl(errors, $"{path}:Url", t.Url, secret: t.Type != NotifyTargetOptions.Alertmanager);
            }

            if (t.Type == NotifyTargetOptions.Webhook)
            {
                errors.Require($"{path}:Secret", t.Secret);
            }
            else if (!string.IsNullOrEmpty(t.Secret))
            {
                errors.Add($"{path}:Secret", $"only a webhook target signs with a secret, not {t.Type}");
            }

            if (t.Type != NotifyTargetOptions.PagerDuty && !string.IsNullOrEmpty(t.RoutingKey))
            {
                errors.Add($"{path}:RoutingKey", $"only a pagerduty target has a routing key, not {t.Type}");
            }

            for (var i = 0; i < t.Tiers.Count; i++)
            {
                if (!CheckTiers.TryParse(t.Tiers[i], out _))
                {
                    errors.Add($"{path}:Tiers:{i}", $"unknown tier '{t.Tiers[i]}' (one of P0, P1, P2)");
                }
            }

            for (var i = 0; i < t.Checks.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(t.Checks[i]))
                {
                    errors.Add($"{path}:Checks:{i}", "a check name must not be empty");
                }
            }
        }

        return errors.Result();
    }

    /// <summary>Like <see cref="ConfigErrors.RequireAbsoluteHttpUrl"/>; a credential URL's message does not repeat it.</summary>
    private static void RequireUrl(ConfigErrors errors, string key, string? value, bool secret)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            errors.Add(key, "is required");
        }
        else if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            errors.Add(key, secret ? "must be an absolute http:// or https:// URL (value not shown: it is a secret)" : "must be an absolute http:// or https:// URL");
        }
    }
}
