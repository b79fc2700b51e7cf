using HealthGate.Auth;

namespace HealthGate.Tests.Auth;

/// <summary>Display names cannot hide an invisible character, mix look-alike scripts, or repeat another name after folding.</summary>
public sealed class DisplayNamesTests
{
    [Theory]
    [InlineData("Ol\u034Fga", "034F")] // combining grapheme joiner
    [InlineData("Olga\uFE0F", "FE0F")] // variation selector
    [InlineData("Olga\u3164", "3164")] // hangul filler
    [InlineData("Ol\u2800ga", "2800")] // braille blank
    [InlineData("Ol\u200Bga", "200B")] // zero width space
    [InlineData("Olga\u202E", "202E")] // right-to-left override
    [InlineData("Olga\u0007", "0007")] // control
    [InlineData("Ol\U000E0041ga", "E0041")] // tag character
    [InlineData("Olga\u0378", "0378")] // unassigned
    public void AnInvisibleControlOrUnassignedCodePointIsRefused(string name, string codePoint)
    {
        var refusal = DisplayNames.Refusal(name);

        Assert.NotNull(refusal);
        Assert.Contains($"U+{codePoint}", refusal, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\u041Elga")] // Cyrillic capital O, then Latin 'lga': reads as 'Olga'
    [InlineData("Jane Smi\u0442h")] // Cyrillic te
    [InlineData("B\u03BFb")] // Greek omicron
    public void AMixOfLookAlikeScriptsIsRefused(string name) =>
        Assert.Contains("mixes the", DisplayNames.Refusal(name), StringComparison.Ordinal);

    [Theory]
    [InlineData("Olga Ivanova")]
    [InlineData("\u041E\u043B\u044C\u0433\u0430 \u0418\u0432\u0430\u043D\u043E\u0432\u0430")] // all Cyrillic: Ольга Иванова
    [InlineData("Jürgen Strauß")]
    [InlineData("Zoë O'Neil-Smith")]
    [InlineData("山田 太郎")]
    public void AnOrdinaryNameInOneScriptIsAccepted(string name) => Assert.Null(DisplayNames.Refusal(name));

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("Ol\uD800ga")] // unpaired surrogate
    public void AnEmptyOrMisdecodedNameIsRefused(string? name) => Assert.NotNull(DisplayNames.Refusal(name));

    [Theory]
    [InlineData("Strauß", "STRAUSS")]
    [InlineData("Strauß", "strauss")]
    [InlineData("Olga Ivanova", "OLGA IVANOVA")]
    [InlineData("Olga Ivanova", "Olga  Ivanova ")]
    [InlineData("Olga", "\uFF2Flga")] // fullwidth O, folded by NFKC
    [InlineData("ﬀoo", "FFOO")] // ligature, folded by NFKC
    [InlineData("\u00C9mile", "E\u0301MILE")] // precomposed and combining accent
    public void NamesThatReadAlikeAreTheSame(string a, string b) => Assert.True(DisplayNames.AreSame(a, b));

    [Theory]
    [InlineData("Olga Ivanova", "Olga Ivanov")]
    [InlineData("Jane Smith", "Jane Smyth")]
    public void DifferentNamesAreNotTheSame(string a, string b) => Assert.False(DisplayNames.AreSame(a, b));
}
