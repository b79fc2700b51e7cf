using System.Text;
using HealthGate.Audit;

namespace HealthGate.Tests.Audit;

public sealed class OpLogCsvTests
{
    private const string Header =
        "seq,at,kind,mode,runId,verdict,exitCode,failures,decision,whoId,whoName,whoKind,overrideId,overrideKind,role,ticket,reason,impact,mitigation,comment,configHash,prevHash,hash,signature\r\n";

    [Fact]
    public void TheHeaderNamesEveryColumnAndEachEntryIsOneRow()
    {
        var entries = OverrideStory.Entries();

        var csv = OpLogCsv.Render(entries);
        var rows = Read(csv);

        Assert.StartsWith(Header, csv, StringComparison.Ordinal);
        Assert.Equal(entries.Count + 1, rows.Count);
        Assert.All(rows, row => Assert.Equal(24, row.Count));
        var first = Column(rows, 1);
        Assert.Equal("1", first("seq"));
        Assert.Equal("2025-11-15T08:53:04.000Z", first("at"));
        Assert.Equal("Strategy orchestrator (P1): MT5 import", first("failures"));
        Assert.Equal("olga", first("whoId"));
        Assert.Equal("Olga Ivanova", first("whoName"));
        Assert.Equal("", first("overrideId"));
        Assert.Equal(entries[0].Hash, first("hash"));
        Assert.Equal(entries[0].PrevHash, first("prevHash"));
        Assert.Equal("cto", Column(rows, 4)("role"));
    }

    [Fact]
    public void CommasQuotesAndLineBreaksAreQuotedAndReadBack()
    {
        var reason = "He said \"no\", then left\r\nand came back\nlater";
        var entry = OverrideStory.Entries()[1] with { Reason = reason, Ticket = "A,B" };

        var csv = OpLogCsv.Render([entry]);

        Assert.Contains(",\"He said \"\"no\"\", then left\r\nand came back\nlater\",", csv, StringComparison.Ordinal);
        Assert.Contains(",\"A,B\",", csv, StringComparison.Ordinal);
        var row = Column(Read(csv), 1);
        Assert.Equal(reason, row("reason"));
        Assert.Equal("A,B", row("ticket"));
        Assert.EndsWith("\r\n", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"http://evil\",\"x\")", "'=HYPERLINK(\"http://evil\",\"x\")")]
    [InlineData("+1+1", "'+1+1")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("a=b", "a=b")]
    [InlineData("'quoted already", "'quoted already")]
    public void ACellThatASpreadsheetWouldRunIsPrefixedWithAnApostrophe(string typed, string cell)
    {
        var entry = OverrideStory.Entries()[2] with { Comment = typed, Who = new Actor("jane", typed, Actor.Person) };

        var row = Column(Read(OpLogCsv.Render([entry])), 1);

        Assert.Equal(cell, row("comment"));
        Assert.Equal(cell, row("whoName"));
    }

    [Fact]
    public void NullsAreEmptyCells()
    {
        var entry = new OpLogRecord { Seq = 7, At = OpLogSamples.Start, Kind = OpLogEvents.OverrideExpired, Mode = "paper" };

        var row = Read(OpLogCsv.Render([entry]))[1];

        Assert.Equal(["7", "2026-11-22T08:53:04.123Z", "override_expired", "paper"], row.Take(4));
        Assert.All(row.Skip(4).Take(17), cell => Assert.Equal("", cell));
        Assert.Equal(OpLogChain.Genesis, row[21]);
    }

    private static Func<string, string> Column(List<List<string>> rows, int row) =>
        name => rows[row][rows[0].IndexOf(name)];

    /// <summary>An RFC 4180 reader, independent of the writer: quoted fields, doubled quotes, CRLF between records.</summary>
    internal static List<List<string>> Read(string csv)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var cell = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < csv.Length; i++)
        {
            var c = csv[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < csv.Length && csv[i + 1] == '"')
                {
                    cell.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    cell.Append(c);
                }
            }
            else if (c == '"' && cell.Length == 0)
            {
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(cell.ToString());
                cell.Clear();
            }
            else if (c == '\r' && i + 1 < csv.Length && csv[i + 1] == '\n')
            {
                row.Add(cell.ToString());
                cell.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                Assert.False(c is '"' or '\r' or '\n', $"unquoted {(int)c} at {i}");
                cell.Append(c);
            }
        }

        Assert.Empty(row);
        return rows;
    }
}
