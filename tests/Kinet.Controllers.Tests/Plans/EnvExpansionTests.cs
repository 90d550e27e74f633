// $(VAR) expansion, the cases of upstream's expansion tests.
using Kinet.Controllers.Nodes.Plans;

namespace Kinet.Controllers.Tests.Plans;

public class EnvExpansionTests
{
    private static readonly Dictionary<string, string> Vars = new()
    {
        ["VAR_A"] = "A", ["VAR_B"] = "B", ["VAR_C"] = "C", ["VAR_REF"] = "$(VAR_A)", ["VAR_EMPTY"] = "",
    };

    [Theory]
    [InlineData("$(VAR_A)", "A")]
    [InlineData("___$(VAR_B)___", "___B___")]
    [InlineData("$(VAR_A)-$(VAR_A)", "A-A")]
    [InlineData("$(VAR_A)$(VAR_B)$(VAR_C)", "ABC")]
    [InlineData("$(VAR_REF)", "$(VAR_A)")]
    [InlineData("foo$(VAR_EMPTY)bar", "foobar")]
    [InlineData("$(UNKNOWN)", "$(UNKNOWN)")]
    [InlineData("$$(VAR_A)", "$(VAR_A)")]
    [InlineData("$$$(VAR_A)", "$A")]
    [InlineData("$$$$(VAR_A)", "$$(VAR_A)")]
    [InlineData("f000-$$VAR_A", "f000-$VAR_A")]
    [InlineData("$(VAR_A", "$(VAR_A")]
    [InlineData("$VAR_A", "$VAR_A")]
    [InlineData("${VAR_A}", "${VAR_A}")]
    [InlineData("$", "$")]
    [InlineData("foo$", "foo$")]
    [InlineData("$()", "$()")]
    [InlineData("no refs here", "no refs here")]
    public void References_expand_and_double_dollar_escapes(string input, string expected) =>
        Assert.Equal(expected, EnvExpansion.Expand(input, EnvExpansion.MappingFor(Vars)));
}
