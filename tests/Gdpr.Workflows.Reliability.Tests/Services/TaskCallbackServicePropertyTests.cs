using System.Text.Json.Nodes;
using CsCheck;
using Gdpr.Workflows.Erasure.Audit;
using Gdpr.Workflows.Erasure.Contracts;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;
using Gdpr.Workflows.Erasure.Services;
using Gdpr.Workflows.Reliability.Tests.Contracts;
using Gdpr.Workflows.Reliability.Tests.Support;
using Gdpr.Workflows.TestSupport.Hostile;
using Microsoft.Extensions.Time.Testing;

namespace Gdpr.Workflows.Reliability.Tests.Services;

/// <summary>
/// Task succeed/fail/heartbeat with generated tokens, bodies and error names: a clear refusal (bad input, unknown token,
/// token already used) or exactly one delivered answer per token.
/// </summary>
public sealed class TaskCallbackServicePropertyTests
{
    private static readonly Gen<string> Token = Gen.Frequency(
        (3, Gen.Const("issued")),
        (2, HostileGen.FreeIdentifier),
        (1, Gen.OneOf("", " ", "\n", new string('t', 1025), "tok\0en")));

    private static readonly Gen<string?> ErrorName = Gen.Frequency(
        (3, Gen.OneOf<string?>("Erasure.TransientError", "Erasure.Refused", "States.Timeout")),
        (2, Gen.OneOf(HostileGen.Injections).Select(s => (string?)s)),
        (1, Gen.OneOf<string?>("", " ", null, "has space", new string('E', 200))));

    private readonly CountingWorkflow workflow = new();
    private readonly TaskCallbackService callbacks;

    public TaskCallbackServicePropertyTests()
    {
        var time = new FakeTimeProvider();
        var requests = new InMemoryRequestStore();
        var verification = new VerificationService(requests, new InMemoryTaskTokenStore(), workflow, new InMemoryOfficerInbox(), new AuditLedger(new InMemoryAuditLedgerStore(), time), ErasureDeadlines.UnitedKingdom(), time);
        callbacks = new TaskCallbackService(workflow, verification);
    }

    [Fact]
    public async Task Answer_AnyTokenBodyOrError_DeliversOnceOrRefusesClearly() =>
        await Gen.Select(Token, ErasureAnswerPropertyTests.CallbackBody, ErrorName, Gen.Int[0, 2]).SampleAsync(async (tokenShape, body, error, verb) =>
        {
            var token = tokenShape == "issued" ? "token-" + Guid.NewGuid().ToString("N") : tokenShape;
            if (tokenShape == "issued")
            {
                workflow.Issue(token);
            }

            var first = await TryAsync(() => Send(token, body, error, verb));
            first.Should().BeOneOf(Outcome.Delivered, Outcome.BadInput, Outcome.NotFound);
            if (first == Outcome.Delivered && verb != 2)
            {
                var second = await TryAsync(() => Send(token, body, error, verb));
                second.Should().Be(Outcome.Conflict, "a task token works once");
            }

            if (tokenShape != "issued")
            {
                first.Should().NotBe(Outcome.Delivered, "only an issued token is answered");
            }
        }, iter: Properties.Iterations, threads: 1);

    [Fact]
    public async Task Complete_DeliveredAnswer_IsExactlyOutcomeAndReceipt() =>
        await ErasureAnswerPropertyTests.CallbackBody.SampleAsync(async body =>
        {
            ErasureAnswer answer;
            try
            {
                answer = ErasureAnswer.FromJson(body);
            }
            catch (InvalidInputException)
            {
                return;
            }

            var token = "token-" + Guid.NewGuid().ToString("N");
            workflow.Issue(token);
            await callbacks.CompleteAsync(token, answer);
            var output = JsonNode.Parse(workflow.Outputs[^1])!.AsObject();
            output.Select(p => p.Key).Should().BeEquivalentTo(["outcome", "receipt"], "nothing but the answer reaches the workflow");
        }, iter: Properties.Iterations / 4, threads: 1);

    private Task Send(string token, JsonNode? body, string? error, int verb) => verb switch
    {
        0 => callbacks.CompleteAsync(token, ErasureAnswer.FromJson(body)),
        1 => callbacks.FailAsync(token, error!),
        _ => callbacks.HeartbeatAsync(token),
    };

    private static async Task<Outcome> TryAsync(Func<Task> send)
    {
        try
        {
            await send();
            return Outcome.Delivered;
        }
        catch (ErasureException e) when (e.Kind is ErasureErrorKind.InvalidInput or ErasureErrorKind.NotFound or ErasureErrorKind.Conflict)
        {
            e.Message.Should().NotBeNullOrWhiteSpace();
            return e.Kind switch
            {
                ErasureErrorKind.InvalidInput => Outcome.BadInput,
                ErasureErrorKind.NotFound => Outcome.NotFound,
                _ => Outcome.Conflict,
            };
        }
    }

    private enum Outcome
    {
        Delivered,
        BadInput,
        NotFound,
        Conflict,
    }
}
