using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Engine.Tests.Sam;

public class FunctionBindingsTests
{
    private const string EraseArn = "arn:aws:lambda:us-east-1:123456789012:function:local-erase-subject-data";

    private static readonly FunctionBindings Bindings = FunctionBindings.For(SamTemplate.Load(SamTestFiles.Fixture("template.yaml")));

    [Theory]
    [InlineData(EraseArn)]
    [InlineData(EraseArn + ":$LATEST")]
    [InlineData(EraseArn + ":live")]
    [InlineData("local-erase-subject-data")]
    [InlineData("local-erase-subject-data:live")]
    [InlineData("123456789012:function:local-erase-subject-data")]
    public void Find_AnyFormLambdaAccepts_GivesTheFunction(string reference)
    {
        Bindings.Find(reference).LogicalId.Should().Be("EraseSubjectDataFunction");
    }

    [Theory]
    [InlineData("arn:aws:lambda:eu-west-1:123456789012:function:local-erase-subject-data")]
    [InlineData("arn:aws:lambda:us-east-1:999999999999:function:local-erase-subject-data")]
    [InlineData("999999999999:function:local-erase-subject-data")]
    [InlineData("EraseSubjectDataFunction")]
    [InlineData("")]
    public void TryFind_OtherRegionAccountOrLogicalId_FindsNothing(string reference)
    {
        Bindings.TryFind(reference, out var function).Should().BeFalse();
        function.Should().BeNull();
    }

    [Fact]
    public void Find_Unknown_FailsNamingReferenceAndState()
    {
        var find = () => Bindings.Find("arn:aws:lambda:us-east-1:123456789012:function:nope", "EraseSubjectData");

        var error = find.Should().Throw<FunctionBindingException>().Which;
        error.FunctionReference.Should().Be("arn:aws:lambda:us-east-1:123456789012:function:nope");
        error.StateName.Should().Be("EraseSubjectData");
        error.Message.Should().StartWith("State 'EraseSubjectData': no function of the template matches 'arn:aws:lambda:us-east-1:123456789012:function:nope'")
            .And.Contain(EraseArn);
    }

    [Fact]
    public void Find_LambdaServiceIntegrationArn_FailsWithHint()
    {
        var find = () => Bindings.Find("arn:aws:states:::lambda:invoke");

        find.Should().Throw<FunctionBindingException>().WithMessage("*Parameters.FunctionName*");
    }

    [Fact]
    public void FindHandler_Registered_GivesTheHandler()
    {
        var handlers = new Dictionary<string, string>
        {
            ["Gdpr.Workflows.Functions.EraseSubjectData.Handler"] = "erase",
            ["Gdpr.Workflows.Functions.FindSubjectData"] = "find",
        };

        Bindings.FindHandler(EraseArn, handlers).Should().Be("erase");
        Bindings.FindHandler("local-FindSubjectDataFunction", handlers).Should().Be("find");
    }

    [Fact]
    public void FindHandler_NotRegistered_FailsNamingHandlerFunctionAndState()
    {
        var find = () => Bindings.FindHandler(EraseArn, new Dictionary<string, string> { ["Other"] = "x" }, "EraseSubjectData");

        find.Should().Throw<FunctionBindingException>().WithMessage(
            $"State 'EraseSubjectData': function 'EraseSubjectDataFunction' ({EraseArn}) is bound to C# handler " +
            "'Gdpr.Workflows.Functions.EraseSubjectData.Handler', which is not registered (registered: Other)");
    }

    [Fact]
    public void FindHandler_FunctionWithoutHandlerName_FailsNamingTheFunction()
    {
        var bindings = new FunctionBindings([new SamFunction
        {
            LogicalId = "S3Code",
            FunctionName = "s3-code",
            Arn = "arn:aws:lambda:us-east-1:123456789012:function:s3-code",
            Runtime = "provided.al2023",
            Handler = "bootstrap",
            Environment = new Dictionary<string, string>(),
            Properties = [],
        }]);

        var find = () => bindings.FindHandler("s3-code", new Dictionary<string, JsonNode>());

        find.Should().Throw<FunctionBindingException>().WithMessage("*function 'S3Code'*has no C# handler name: set Metadata.LocalHandler*");
    }
}
