using Gdpr.Workflows.Engine.Sam;

namespace Gdpr.Workflows.Engine.Tests.Sam;

public class FunctionReaderTests
{
    private static SamTemplate Load(string functionProperties, string otherSections = "")
    {
        using var temp = TempTemplate.WithResources($"  Fn:\n    Type: AWS::Serverless::Function\n    Properties:\n{functionProperties}", otherSections);
        return SamTemplate.Load(temp.TemplatePath);
    }

    [Fact]
    public void Read_NoTimeoutOrMemory_UsesSamDefaults()
    {
        var function = Load("      Runtime: provided.al2023\n      Handler: bootstrap\n      CodeUri: src/Fn\n").Functions["Fn"];

        function.Timeout.Should().Be(3);
        function.MemorySize.Should().Be(128);
        function.Environment.Should().BeEmpty();
        function.LocalHandler.Should().Be("Fn");
    }

    [Fact]
    public void Read_TimeoutFromNumberParameter_IsParsed()
    {
        var function = Load(
            "      Runtime: provided.al2023\n      Handler: bootstrap\n      CodeUri: src/Fn\n      Timeout: !Ref Seconds\n",
            "Parameters:\n  Seconds: {Type: Number, Default: 45}\n").Functions["Fn"];

        function.Timeout.Should().Be(45);
    }

    [Fact]
    public void Read_S3CodeUri_HasNoCodeDirectoryNorLocalHandler()
    {
        var function = Load("      Runtime: provided.al2023\n      Handler: bootstrap\n      CodeUri: s3://bucket/fn.zip\n").Functions["Fn"];

        function.CodeUri.Should().Be("s3://bucket/fn.zip");
        function.CodeDirectory.Should().BeNull();
        function.LocalHandler.Should().BeNull();
    }

    [Fact]
    public void Read_NonNumericTimeout_FailsNamingTheProperty()
    {
        var load = () => Load("      Runtime: provided.al2023\n      CodeUri: src/Fn\n      Timeout: soon\n");

        load.Should().Throw<SamTemplateException>().WithMessage("*line 9: Resources.Fn.Properties.Timeout must be a whole number, not 'soon'*");
    }

    [Fact]
    public void Read_EnvironmentVariableThatIsAMap_Fails()
    {
        var load = () => Load("      CodeUri: src/Fn\n      Environment:\n        Variables:\n          A: {b: 1}\n");

        load.Should().Throw<SamTemplateException>().WithMessage("*Resources.Fn.Properties.Environment.Variables.A must be a string, not a mapping*");
    }

    [Fact]
    public void Read_NumberAndBooleanVariables_BecomeText()
    {
        var function = Load("      CodeUri: src/Fn\n      Environment:\n        Variables: {N: 1.50, B: true}\n").Functions["Fn"];

        function.Environment.Should().Equal(new Dictionary<string, string> { ["N"] = "1.50", ["B"] = "true" });
    }

    [Fact]
    public void Load_ServerlessResourceWithoutTransform_Fails()
    {
        using var temp = new TempTemplate("Resources:\n  Fn:\n    Type: AWS::Serverless::Function\n    Properties: {CodeUri: src}\n");

        var load = () => SamTemplate.Load(temp.TemplatePath);

        load.Should().Throw<SamTemplateException>().WithMessage("*line 2: Resources.Fn is AWS::Serverless::Function, which needs 'Transform: AWS::Serverless-2016-10-31'*");
    }

    [Fact]
    public void Load_TwoFunctionsWithOneName_Fails()
    {
        using var temp = TempTemplate.WithResources(
            "  A:\n    Type: AWS::Serverless::Function\n    Properties: {FunctionName: same, CodeUri: a}\n" +
            "  B:\n    Type: AWS::Serverless::Function\n    Properties: {FunctionName: same, CodeUri: b}\n");

        var load = () => SamTemplate.Load(temp.TemplatePath);

        load.Should().Throw<SamTemplateException>().WithMessage("*function name 'same' is used by A and B*");
    }

    [Fact]
    public void Load_NoResources_Fails()
    {
        using var temp = new TempTemplate("Transform: AWS::Serverless-2016-10-31\n");

        var load = () => SamTemplate.Load(temp.TemplatePath);

        load.Should().Throw<SamTemplateException>().WithMessage("*the template has no Resources section*");
    }
}
