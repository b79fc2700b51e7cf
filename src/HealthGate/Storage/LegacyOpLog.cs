using System.Data.Common;
using HealthGate.Contracts;

namespace HealthGate.Storage;

/// <summary>
/// The operational log as it was kept before the hash chain (<c>healthgate_op_log</c>), read once to be copied into
/// the chain. Its override entries carried names the operator typed; the copy says so instead of presenting them as
/// approvals.
/// </summary>
internal static class LegacyOpLog
{
    public const string Select =
        "SELECT id, recorded_at, kind, mode, run_id, verdict, exit_code, failures, decision, operator_name, approvers, ticket, reason, api_key_name "
        + "FROM healthgate_op_log ORDER BY id";

    public static (DateTimeOffset At, OpLogRecord Entry) Read(DbDataReader reader, Func<DbDataReader, int, DateTimeOffset> readTimestamp)
    {
        var id = reader.GetInt64(0);
        var kind = reader.GetString(2);
        var isOverride = kind != OpLogEvents.PreflightFailure;
        var typedOperator = StoreValues.NullableString(reader, 9);
        var typedApprovers = StoreValues.FromJson<string[]>(reader.GetString(10));
        var keyName = StoreValues.NullableString(reader, 13);
        var entry = new OpLogRecord
        {
            Kind = isOverride ? OpLogEvents.OverrideRequested : kind,
            OverrideKind = isOverride ? kind : null,
            Mode = reader.GetString(3),
            RunId = StoreValues.NullableString(reader, 4),
            Verdict = StoreValues.NullableString(reader, 5),
            ExitCode = reader.IsDBNull(6) ? null : reader.GetInt32(6),
            Failures = StoreValues.FromJson<OpLogFailureRecord[]>(reader.GetString(7)),
            Decision = reader.GetString(8),
            Who = keyName is null ? null : new Actor(keyName, keyName, Actor.Service),
            Ticket = StoreValues.NullableString(reader, 11),
            Reason = StoreValues.NullableString(reader, 12),
            Comment = isOverride
                ? $"recorded before the two-person rule (legacy entry {id}): operator '{typedOperator}', approvers '{string.Join(", ", typedApprovers)}' were typed by the caller, not given with their own credentials"
                : $"recorded before the hash chain (legacy entry {id})",
        };
        return (readTimestamp(reader, 1), entry);
    }
}
