using System.Text.Json.Nodes;
using Gdpr.Workflows.Engine.Data;
using Gdpr.Workflows.Engine.Language;

namespace Gdpr.Workflows.Engine.Tests.Language;

public class ValueOrPathTests
{
    private static PathContext Input(string json) => new(JsonNode.Parse(json), new JsonObject());

    [Fact]
    public void Evaluate_ValueGivenInTheDefinition_ReturnsItWithoutReadingTheInput()
    {
        var timeout = ValueOrPaths.PositiveSeconds(30, null, "TimeoutSecondsPath")!;

        timeout.Path.Should().BeNull();
        timeout.Evaluate(Input("{}")).Should().Be(30);
    }

    [Fact]
    public void Evaluate_PathToAPositiveInteger_ReturnsTheInputsValue()
    {
        var timeout = ValueOrPaths.PositiveSeconds(null, "$.timeout", "TimeoutSecondsPath")!;

        timeout.Evaluate(Input("""{"timeout": 7}""")).Should().Be(7);
    }

    [Theory]
    [InlineData("""{"timeout": 0}""", "0")]
    [InlineData("""{"timeout": "7"}""", "\"7\"")]
    [InlineData("""{"timeout": 1.5}""", "1.5")]
    public void Evaluate_PathToAnythingButAPositiveInteger_FailsWithAwsMessage(string input, string shown)
    {
        var timeout = ValueOrPaths.PositiveSeconds(null, "$.timeout", "TimeoutSecondsPath")!;

        var failure = FluentActions.Invoking(() => timeout.Evaluate(Input(input))).Should().Throw<AslRuntimeException>().Which;

        failure.Error.Should().Be(ErrorNames.Runtime);
        failure.Cause.Should().Be($"The TimeoutSecondsPath parameter must be a positive integer: $.timeout == {shown}");
    }

    [Fact]
    public void Evaluate_MaxConcurrencyPathToZero_IsAllowed()
    {
        ValueOrPaths.NonNegativeInt(null, "$.n", "MaxConcurrencyPath")!.Evaluate(Input("""{"n": 0}""")).Should().Be(0);
    }

    [Fact]
    public void Evaluate_ErrorPathAsIntrinsicFunction_EvaluatesTheFunction()
    {
        var error = ValueOrPaths.String(null, "States.Format('E.{}', $.code)", "ErrorPath")!;

        error.Evaluate(Input("""{"code": "Bad"}""")).Should().Be("E.Bad");
    }

    [Fact]
    public void Parse_NoValueNoPath_IsAbsent()
    {
        ValueOrPaths.WaitSeconds(null, null).Should().BeNull();
        ValueOrPaths.Percentage(null, null, "ToleratedFailurePercentagePath").Should().BeNull();
    }

    [Fact]
    public void Batch_MaxItemsAtAPath_GroupsItemsAndAddsBatchInput()
    {
        var batcher = ItemBatcher.Parse(JsonNode.Parse("""{"MaxItemsPerBatchPath": "$.size", "BatchInput": {"run.$": "$.run"}}"""))!;

        var batches = batcher.Batch(new JsonArray(1, 2, 3), Input("""{"size": 2, "run": "r1"}"""));

        batches.ToJsonString().Should().Be("""[{"Items":[1,2],"BatchInput":{"run":"r1"}},{"Items":[3],"BatchInput":{"run":"r1"}}]""");
    }

    [Fact]
    public void Batch_MaxInputBytes_StartsANewBatchBeforeTheLimit()
    {
        var batcher = ItemBatcher.Parse(JsonNode.Parse("""{"MaxInputBytesPerBatch": 8}"""))!;

        var batches = batcher.Batch(new JsonArray("aaa", "bbb", "c"), Input("{}"));

        batches.ToJsonString().Should().Be("""[{"Items":["aaa"]},{"Items":["bbb","c"]}]""");
    }
}
