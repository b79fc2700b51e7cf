using System.Text.Json;
using HealthGate.Checks;

namespace HealthGate.Tests.Checks;

/// <summary>RFC 6901 JSON Pointer evaluation, including the examples of section 5 of the RFC.</summary>
public sealed class JsonPointerTests
{
    private const string Rfc6901Example = """
        {
          "foo": ["bar", "baz"],
          "": 0,
          "a/b": 1,
          "c%d": 2,
          "e^f": 3,
          "g|h": 4,
          "i\\j": 5,
          "k\"l": 6,
          " ": 7,
          "m~n": 8
        }
        """;

    [Theory]
    [InlineData("/foo/0", "\"bar\"")]
    [InlineData("/foo/1", "\"baz\"")]
    [InlineData("/", "0")]
    [InlineData("/a~1b", "1")]
    [InlineData("/c%d", "2")]
    [InlineData("/e^f", "3")]
    [InlineData("/g|h", "4")]
    [InlineData("/i\\j", "5")]
    [InlineData("/k\"l", "6")]
    [InlineData("/ ", "7")]
    [InlineData("/m~0n", "8")]
    public void TheRfcExamplesResolve(string path, string expected)
    {
        Assert.True(TryResolve(Rfc6901Example, path, out var value));
        Assert.Equal(expected, value);
    }

    [Fact]
    public void TheEmptyPointerIsTheWholeDocument()
    {
        Assert.True(TryResolve("""{"a":1}""", "", out var value));
        Assert.Equal("""{"a":1}""", value);
    }

    [Fact]
    public void NestedObjectsAndArraysResolve()
    {
        Assert.True(TryResolve("""{"global_risk":{"venues":[{"level":"LOW"},{"level":"HIGH"}]}}""", "/global_risk/venues/1/level", out var value));
        Assert.Equal("\"HIGH\"", value);
    }

    [Fact]
    public void EscapesAreDecodedTildeOneFirst()
    {
        // "~01" is "~1" as a key, not "/": RFC 6901 section 4.
        Assert.True(TryResolve("""{"~1":"tilde-one","/":"slash"}""", "/~01", out var value));
        Assert.Equal("\"tilde-one\"", value);
    }

    [Theory]
    [InlineData("/missing")]
    [InlineData("/foo/2")]
    [InlineData("/foo/-")]
    [InlineData("/foo/01")]
    [InlineData("/foo/+1")]
    [InlineData("/foo/-1")]
    [InlineData("/foo/ 1")]
    [InlineData("/foo/99999999999")]
    [InlineData("/foo/0/x")]
    [InlineData("/a~1b/x")]
    [InlineData("foo")]
    [InlineData("#/foo")]
    public void APointerThatDoesNotResolveIsRefused(string path)
    {
        Assert.False(TryResolve(Rfc6901Example, path, out _));
    }

    [Fact]
    public void ANumericKeyOfAnObjectIsAKeyNotAnIndex()
    {
        Assert.True(TryResolve("""{"0":"zero","01":"zero-one"}""", "/01", out var value));
        Assert.Equal("\"zero-one\"", value);
    }

    private static bool TryResolve(string json, string pointer, out string? raw)
    {
        using var document = JsonDocument.Parse(json);
        var found = JsonPointer.TryResolve(document.RootElement, pointer, out var value);
        raw = found ? value.GetRawText() : null;
        return found;
    }
}
