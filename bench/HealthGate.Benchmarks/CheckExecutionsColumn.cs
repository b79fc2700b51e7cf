using System.Globalization;
using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;

namespace HealthGate.Benchmarks;

/// <summary>The "Check runs/op" column: how many times the dependency was hit per operation of N callers.</summary>
internal sealed class CheckExecutionsColumn : IColumn
{
    public string Id => nameof(CheckExecutionsColumn);

    public string ColumnName => "Check runs/op";

    public bool AlwaysShow => true;

    public ColumnCategory Category => ColumnCategory.Custom;

    public int PriorityInCategory => 0;

    public bool IsNumeric => true;

    public UnitType UnitType => UnitType.Dimensionless;

    public string Legend => "Times the delayed check ran per operation (one operation = N concurrent callers)";

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase) => GetValue(summary, benchmarkCase, SummaryStyle.Default);

    public string GetValue(Summary summary, BenchmarkCase benchmarkCase, SummaryStyle style)
    {
        ArgumentNullException.ThrowIfNull(benchmarkCase);
        var callers = Convert.ToInt32(benchmarkCase.Parameters[nameof(PreflightCoalescingBenchmarks.Callers)], CultureInfo.InvariantCulture);
        return CheckExecutions.Read(CheckExecutions.Key(benchmarkCase.Descriptor.WorkloadMethod.Name, callers)) ?? "?";
    }

    public bool IsDefault(Summary summary, BenchmarkCase benchmarkCase) => false;

    public bool IsAvailable(Summary summary) => true;
}
