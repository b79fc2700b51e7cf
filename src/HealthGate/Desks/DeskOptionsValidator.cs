using HealthGate.Configuration;
using Microsoft.Extensions.Options;

namespace HealthGate.Desks;

/// <summary>A desk name of 1–63 characters of <c>[a-z0-9_-]</c>.</summary>
internal sealed class DeskOptionsValidator : IValidateOptions<DeskOptions>
{
    public const int MaxLength = 63;

    public ValidateOptionsResult Validate(string? name, DeskOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new ConfigErrors();
        if (!IsValidName(options.Name))
        {
            // Lower case only: "Desk-A" and "desk-a" would otherwise be two desks to the store and one to a person.
            errors.Add($"HealthGate:{DeskOptions.SectionName}:Name", $"must be 1-{MaxLength} characters of a-z, 0-9, '_' and '-'");
        }

        return errors.Result();
    }

    public static bool IsValidName(string? name) =>
        name is { Length: > 0 and <= MaxLength } && name.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' or '-');
}
