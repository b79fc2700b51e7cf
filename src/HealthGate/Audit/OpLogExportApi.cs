using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using HealthGate.Auth;
using HealthGate.Contracts;
using HealthGate.Desks;
using HealthGate.Http;
using HealthGate.Preflight;
using HealthGate.Storage;
using Microsoft.Extensions.Options;

namespace HealthGate.Audit;

/// <summary>
/// The auditor's exports: <c>GET /oplog/export</c> for a period (CSV, the operations documents' text blocks, or a PDF
/// evidence pack), and <c>GET /preflight/runs/{runId}/evidence.pdf</c> for one launch.
/// </summary>
internal static partial class OpLogExportApi
{
    /// <summary>A PDF is built in memory: past this many entries, narrow the period (CSV and text stream any size).</summary>
    public const int MaxPdfEntries = 5000;

    public static IEndpointRouteBuilder MapOpLogExportApi(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/oplog/export", ExportAsync).RequireAuthorization(ReadPolicyProvider.ReadPolicy)
            .WithTags("Operational log")
            .WithName("ExportOpLog")
            .WithSummary("The entries of a period (from inclusive, to exclusive; ISO 8601, UTC when no offset) as csv, text (the operations documents' blocks) or pdf (an evidence pack with the chain's verification and head).")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        endpoints.MapGet("/preflight/runs/{runId}/evidence.pdf", RunEvidenceAsync).RequireAuthorization(ReadPolicyProvider.ReadPolicy)
            .WithTags("Operational log")
            .WithName("RunEvidence")
            .WithSummary("One run's evidence pack: the run and its checks, its overrides and each approval, the op-log entries about it with their hashes, and the chain's head.")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    public static async Task<IResult> ExportAsync(string? from, string? to, string? format, HttpContext context, OpLogReader reader, CheckConfigurationHash configHash, IOptions<DeskOptions> desk, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(reader);
        if (!TryTime(from, "from", out var start, out var bad) || !TryTime(to, "to", out var end, out bad))
        {
            return bad!;
        }

        if (start is { } s && end is { } e && e <= s)
        {
            return QueryProblem.Bad("to must be after from");
        }

        var cancellationToken = context.RequestAborted;
        var name = $"healthgate-oplog-{Stamp(start)}-{Stamp(end)}";
        switch (format ?? "csv")
        {
            case "csv":
                return Stream("text/csv; charset=utf-8", $"{name}.csv", async (writer, token) =>
                {
                    await writer.WriteAsync(Chunk(OpLogCsv.WriteHeader));
                    await foreach (var entry in reader.PeriodAsync(start, end, token))
                    {
                        await writer.WriteAsync(Chunk(w => OpLogCsv.WriteEntry(w, entry)));
                    }
                });
            case "text":
                return Stream("text/plain; charset=utf-8", $"{name}.txt", async (writer, token) =>
                {
                    // As OpLogText.Render gives the whole period: a blank line between blocks, and who approved on the
                    // approval and the use, read from the override (its approvals never change once it is approved).
                    var overrides = new Dictionary<long, OverrideRecord>();
                    var separator = "";
                    await foreach (var entry in reader.PeriodAsync(start, end, token))
                    {
                        if (entry is { Kind: OpLogEvents.OverrideApproved or OpLogEvents.OverrideUsed, OverrideId: { } id }
                            && !overrides.ContainsKey(id) && await reader.FindOverrideAsync(id, token) is { } found)
                        {
                            overrides[id] = found;
                        }

                        await writer.WriteAsync(separator + Chunk(w => OpLogText.Write(w, [entry], overrides)));
                        separator = "\n";
                    }
                });
            case "pdf":
                var entries = new List<OpLogRecord>();
                await foreach (var entry in reader.PeriodAsync(start, end, cancellationToken))
                {
                    if (entries.Count == MaxPdfEntries)
                    {
                        return QueryProblem.Bad($"the period holds more than {MaxPdfEntries} entries: narrow it for a PDF, or export csv or text");
                    }

                    entries.Add(entry);
                }

                var chain = await reader.VerifyAsync(cancellationToken);
                var now = time.GetUtcNow();
                return Pdf(() => OpLogPdf.Period(new PeriodEvidence(Desk(desk.Value, configHash), start ?? entries.FirstOrDefault()?.At ?? now, end ?? now, now, chain, entries)), $"{name}.pdf");
            default:
                return QueryProblem.Bad($"format must be csv, text or pdf; got '{format}'");
        }
    }

    public static async Task<IResult> RunEvidenceAsync(string runId, HttpContext context, IRunStore runs, OpLogReader reader, CheckConfigurationHash configHash, IOptions<DeskOptions> desk, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(runs);
        ArgumentNullException.ThrowIfNull(reader);
        var cancellationToken = context.RequestAborted;
        var run = await runs.FindRunAsync(runId, cancellationToken);
        if (run is null)
        {
            return TypedResults.Problem(
                title: "Unknown run",
                detail: $"no preflight run '{runId}' in the history (retention may have pruned it; its op-log entries remain: GET /oplog/export)",
                statusCode: StatusCodes.Status404NotFound);
        }

        var (entries, overrides) = await reader.AboutRunAsync(run.RunId, cancellationToken);
        var chain = await reader.VerifyAsync(cancellationToken);
        return Pdf(
            () => OpLogPdf.Run(new RunEvidence(Desk(desk.Value, configHash), time.GetUtcNow(), EvidenceRun.From(run), overrides, entries, chain)),
            $"healthgate-evidence-{run.RunId}.pdf");
    }

    /// <summary>The PDF, or a 503 that says why it could not be drawn (no font on the host) instead of a bare 500.</summary>
    private static IResult Pdf(Func<byte[]> render, string fileName)
    {
        try
        {
            return TypedResults.File(render(), "application/pdf", fileName);
        }
        catch (InvalidOperationException ex) when (ex.Message.Contains("font", StringComparison.OrdinalIgnoreCase))
        {
            return TypedResults.Problem(title: "The evidence pack cannot be drawn", detail: ex.Message, statusCode: StatusCodes.Status503ServiceUnavailable);
        }
    }

    private static IResult Stream(string contentType, string fileName, Func<StreamWriter, CancellationToken, Task> write) =>
        Results.Stream(
            async body =>
            {
                await using var writer = new StreamWriter(body, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
                await write(writer, CancellationToken.None);
            },
            contentType,
            fileName);

    /// <summary>
    /// One entry's text, written by the synchronous renderers into memory: the response body only takes asynchronous
    /// writes (Kestrel refuses synchronous I/O), and a StreamWriter flushes synchronously whenever its buffer fills.
    /// </summary>
    private static string Chunk(Action<TextWriter> write)
    {
        using var text = new StringWriter(CultureInfo.InvariantCulture);
        write(text);
        return text.ToString();
    }

    /// <summary>The desk the pack is evidence for (its <c>Desk:Name</c>) and the configuration it ran under.</summary>
    private static string Desk(DeskOptions desk, CheckConfigurationHash configHash) => $"{desk.Name} (configuration {configHash.Value})";

    private static string Stamp(DateTimeOffset? at) => at is { } t ? t.UtcDateTime.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture) : "all";

    private static bool TryTime(string? text, string name, out DateTimeOffset? value, out IResult? problem)
    {
        value = null;
        problem = null;
        if (string.IsNullOrEmpty(text))
        {
            return true;
        }

        // ISO 8601 only: the culture-free parser also reads 11/01/2026, which a desk elsewhere means as 11 January.
        if (IsoTime().IsMatch(text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            value = parsed;
            return true;
        }

        problem = QueryProblem.Bad($"{name} must be an ISO 8601 date or time (2026-11-01, 2026-11-01T08:00:00Z); got '{text}'");
        return false;
    }

    /// <summary>A date, or a date and time with optional seconds, fraction and offset: 2026-11-01, 2026-11-01T08:00:00.5+02:00.</summary>
    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}(T[0-9]{2}:[0-9]{2}(:[0-9]{2}([.][0-9]{1,7})?)?(Z|[+-][0-9]{2}:[0-9]{2})?)?$", RegexOptions.CultureInvariant)]
    private static partial Regex IsoTime();
}
