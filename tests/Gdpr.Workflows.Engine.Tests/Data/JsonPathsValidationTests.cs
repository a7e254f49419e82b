using Gdpr.Workflows.Engine.Data;

namespace Gdpr.Workflows.Engine.Tests.Data;

public class JsonPathsValidationTests
{
    [Theory]
    [InlineData("$")]
    [InlineData("$$")]
    [InlineData("$$.Execution.Input.input-value")]
    [InlineData("$.abc.['def ghi']")]
    [InlineData("$['a b'][0]")]
    [InlineData("$.a[*].b")]
    [InlineData("$..x")]
    [InlineData("$.a[0,2]")]
    [InlineData("$.a[1:3]")]
    [InlineData("$.a[?(@.x > 1)]")]
    [InlineData("$.a[?(@.x == 'y')]")]
    [InlineData("$.a.length()")]
    [InlineData("$myVariable.field")]
    [InlineData("$.Jobs.sum()")]
    public void ValidatePath_SupportedSyntax_ReturnsNull(string path)
    {
        JsonPaths.ValidatePath(path).Should().BeNull();
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("$.")]
    [InlineData("$..")]
    [InlineData("$.a[")]
    [InlineData("$.a[x]")]
    [InlineData("$['a")]
    [InlineData("$.a b")]
    [InlineData("$.a[?(@.x >)]")]
    [InlineData("$.a.length().b")]
    public void ValidatePath_Malformed_ReturnsReason(string path)
    {
        JsonPaths.ValidatePath(path).Should().NotBeNull();
    }

    [Theory]
    [InlineData("$")]
    [InlineData("$.a.b")]
    [InlineData("$['a b'].c[2]")]
    [InlineData("$$.Execution.Input.x")]
    [InlineData("$var.x")]
    public void ValidateReferencePath_SingleNodePath_ReturnsNull(string path)
    {
        JsonPaths.ValidateReferencePath(path).Should().BeNull();
    }

    [Theory]
    [InlineData("$.a[*]")]
    [InlineData("$..a")]
    [InlineData("$.a[0,1]")]
    [InlineData("$.a[1:2]")]
    [InlineData("$.a[?(@.b)]")]
    [InlineData("$.a.length()")]
    public void ValidateReferencePath_MultiNodePath_ReturnsReason(string path)
    {
        JsonPaths.ValidateReferencePath(path).Should().NotBeNull();
    }

    [Theory]
    [InlineData("$$.Execution")]
    [InlineData("$var.x")]
    public void ValidateResultPath_NotOnInput_ReturnsReason(string path)
    {
        JsonPaths.ValidateResultPath(path).Should().NotBeNull();
    }

    [Fact]
    public void ValidateResultPath_InputReference_ReturnsNull()
    {
        JsonPaths.ValidateResultPath("$.result_path").Should().BeNull();
    }
}
