using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Engine.Tests.Sam;

public class ParameterBinderTests
{
    private static SamTemplate Load(string parameters, IReadOnlyDictionary<string, string>? overrides = null)
    {
        using var files = TempTemplate.WithResources("  Q:\n    Type: AWS::SQS::Queue\n", "Parameters:\n" + parameters);
        return SamTemplate.Load(files.TemplatePath, overrides);
    }

    [Fact]
    public void Load_NoDefaultAndNoOverride_FailsWithTheParameterLine()
    {
        var load = () => Load("  Stage:\n    Type: String\n");

        var error = load.Should().Throw<SamTemplateException>().Which;
        error.Line.Should().Be(3);
        error.Message.Should().Contain("Parameters.Stage has no Default and no override was given");
    }

    [Fact]
    public void Load_NoDefaultButOverride_UsesTheOverride()
    {
        var parameter = Load("  Stage:\n    Type: String\n", new Dictionary<string, string> { ["Stage"] = "qa" }).Parameters["Stage"];

        parameter.Value.Should().Be("qa");
        parameter.Default.Should().BeNull();
        parameter.IsOverridden.Should().BeTrue();
    }

    [Fact]
    public void Load_TypeOmitted_IsString()
    {
        Load("  Stage: {Default: dev}\n").Parameters["Stage"].Type.Should().Be("String");
    }

    [Fact]
    public void Load_NumberThatIsNotANumber_Fails()
    {
        var load = () => Load("  Days: {Type: Number, Default: 30}\n", new Dictionary<string, string> { ["Days"] = "thirty" });

        load.Should().Throw<SamTemplateException>().WithMessage("*Parameters.Days: value 'thirty' is not a Number*");
    }

    [Fact]
    public void Load_ValueNotMatchingAllowedPattern_Fails()
    {
        var load = () => Load("  Stage: {Type: String, Default: dev, AllowedPattern: '[a-z]+'}\n", new Dictionary<string, string> { ["Stage"] = "Dev1" });

        load.Should().Throw<SamTemplateException>().WithMessage("*value 'Dev1' does not match AllowedPattern '[a-z]+'*");
    }

    [Fact]
    public void Load_ListDefaultWrittenAsYamlList_IsCommaJoined()
    {
        var parameter = Load("  Zones:\n    Type: CommaDelimitedList\n    Default: [a, b]\n").Parameters["Zones"];

        parameter.Value.Should().Be("a,b");
        parameter.IsList.Should().BeTrue();
    }

    [Fact]
    public void Load_SsmParameterWithoutOverride_HasNoValue()
    {
        var parameter = Load("  Secret: {Type: 'AWS::SSM::Parameter::Value<String>', Default: /app/secret}\n").Parameters["Secret"];

        parameter.IsSsmValue.Should().BeTrue();
        parameter.Default.Should().Be("/app/secret");
        parameter.Value.Should().BeNull();
    }
}
