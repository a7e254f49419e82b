using System.Text.Json.Nodes;
using CsCheck;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.Reliability.Tests.Support;
using Gdpr.Workflows.TestSupport.Hostile;

namespace Gdpr.Workflows.Reliability.Tests.Contracts;

/// <summary>A callback body is read into one valid answer (that reads back the same) or refused with a reason.</summary>
public sealed class ErasureAnswerPropertyTests
{
    /// <summary>Bodies close to valid ones: each field valid, missing, of the wrong type or hostile.</summary>
    internal static readonly Gen<JsonNode?> CallbackBody = Gen.Frequency<JsonNode?>(
        (2, HostileGen.Json),
        (5, Gen.Select(
            Gen.Frequency((4, Gen.OneOf<JsonNode?>("erased", "not_held", "retained", "not-found")), (1, HostileGen.Scalar)),
            Gen.Frequency(
                (3, Gen.OneOf<JsonNode?>("T-1", "orders:5", "job 77")),
                (2, Gen.Select(
                    Gen.Frequency((3, Gen.Const<JsonNode?>("ref-1")), (1, HostileGen.Scalar)),
                    Gen.Frequency((3, Gen.OneOf<JsonNode?>("Art. 17(3)(b)", null)), (1, HostileGen.Scalar)),
                    Gen.Frequency((3, Gen.OneOf<JsonNode?>("invoices", null)), (1, HostileGen.Scalar)),
                    Gen.Frequency((3, Gen.OneOf<JsonNode?>("2031-04-05", null)), (1, Gen.OneOf<JsonNode?>("2031-13-01", "tomorrow", "9999-12-31", "0001-01-01"))))
                    .Select((r, g, d, u) => (JsonNode?)new JsonObject { ["reference"] = r?.DeepClone(), ["ground"] = g?.DeepClone(), ["retainedData"] = d?.DeepClone(), ["retainUntil"] = u?.DeepClone() })),
                (1, HostileGen.Scalar)))
            .Select((outcome, receipt) => (JsonNode?)new JsonObject { ["outcome"] = outcome?.DeepClone(), ["receipt"] = receipt?.DeepClone() })));

    [Fact]
    public void FromJson_AnyBody_ReadsAValidAnswerOrRefusesWithAReason() =>
        CallbackBody.Sample(body =>
        {
            ErasureAnswer answer;
            try
            {
                answer = ErasureAnswer.FromJson(body);
            }
            catch (InvalidInputException refused)
            {
                refused.Message.Should().NotBeNullOrWhiteSpace();
                return;
            }

            var again = ErasureAnswer.FromJson(answer.ToJson());
            again.Outcome.Should().Be(answer.Outcome);
            again.Receipt.Should().Be(answer.Receipt, "the wire form reads back to the same answer");
            if (answer.Outcome == ErasureOutcome.Retained)
            {
                answer.Receipt.Ground.Should().NotBeNull();
                answer.Receipt.RetainUntil.Should().NotBeNull();
            }
        }, iter: Properties.Iterations, threads: 1);
}
