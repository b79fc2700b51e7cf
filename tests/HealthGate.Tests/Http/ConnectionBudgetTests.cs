using HealthGate.Http;

namespace HealthGate.Tests.Http;

/// <summary>How many connections the gate holds, from its open-files limit, and how that limit is read.</summary>
public sealed class ConnectionBudgetTests
{
    [Theory]
    [InlineData(4096, 3072)]
    [InlineData(65536, ConnectionBudget.Ceiling)]
    [InlineData(1048576, ConnectionBudget.Ceiling)]
    [InlineData(2048, 1024)]
    [InlineData(1024, 512)]
    [InlineData(256, 128)]
    [InlineData(20, ConnectionBudget.Floor)]
    public void TheBudgetLeavesTheProcessItsReserveOfDescriptors(long limit, int connections)
    {
        var budget = ConnectionBudget.For(limit);

        Assert.Equal(connections, budget.MaxConnections);
        Assert.Equal(limit - connections, budget.Reserved);
        // Never more than the limit less the reserve (or half of a small limit): clients can never take the process's own descriptors.
        Assert.True(budget.Reserved >= Math.Min(ConnectionBudget.Reserve, limit / 2) || budget.MaxConnections == ConnectionBudget.Floor, budget.ToString());
    }

    [Fact]
    public void AnUnknownLimitIsBoundedByTheCeiling()
    {
        Assert.Equal(ConnectionBudget.Ceiling, ConnectionBudget.For(null).MaxConnections);
    }

    [Fact]
    public void TheSoftLimitIsReadFromTheKernelsLimitsTable()
    {
        string[] limits =
        [
            "Limit                     Soft Limit           Hard Limit           Units     ",
            "Max processes             63477                63477                processes ",
            "Max open files            4096                 524288               files     ",
            "Max locked memory         8388608              8388608              bytes     ",
        ];

        Assert.Equal(4096, DescriptorLimit.Parse(limits));
        Assert.Null(DescriptorLimit.Parse(["Max open files            unlimited            unlimited            files     "]));
        Assert.Null(DescriptorLimit.Parse(["Max processes             63477                63477                processes "]));
    }

    [Fact]
    public void ThisProcesssLimitIsReadWhereTheKernelReportsIt()
    {
        var limit = DescriptorLimit.Read();

        if (File.Exists(DescriptorLimit.LimitsFile))
        {
            Assert.NotNull(limit);
            Assert.True(limit > 3, $"open-files limit {limit}");
        }
        else
        {
            Assert.Null(limit);
        }
    }
}
