using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;
using Gdpr.Workflows.Erasure.Ports;

namespace Gdpr.Workflows.Contracts;

/// <summary>
/// Many answers in one call (batch.schema.json, <c>POST /tasks/answers</c>), for systems that erase in batches. Each
/// answer is checked and applied on its own, in order, and gets its own result; one bad answer never stops the rest.
/// Results carry the task id (never the token): <c>{results: [{index, taskId?, status, answered?, error?}]}</c> with
/// status delivered, invalid, not_found or conflict. Answering twice is a conflict for the second, so a repeated batch
/// changes nothing.
/// </summary>
public static class TaskAnswerBatch
{
    public const int MaxAnswers = 100;

    /// <param name="mayAnswer">The host's check that the caller may answer this task (false: not_found, as for an unknown token).</param>
    /// <exception cref="InvalidInputException">The body is not <c>{answers: [1..100 objects]}</c>.</exception>
    public static async Task<JsonObject> ApplyAsync(ITaskCallbacks callbacks, JsonNode? body, Func<TaskAnswer, CancellationToken, Task<bool>> mayAnswer, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(mayAnswer);
        if (body is not JsonObject envelope || envelope.Count != 1 || envelope["answers"] is not JsonArray answers || answers.Count is 0 or > MaxAnswers)
        {
            throw new InvalidInputException($"A batch is {{\"answers\": [...]}} with 1 to {MaxAnswers} answers (batch.schema.json).");
        }

        var results = new JsonArray();
        for (var index = 0; index < answers.Count; index++)
        {
            results.Add((JsonNode)await ApplyOneAsync(callbacks, answers[index], index, mayAnswer, cancellationToken));
        }

        return new JsonObject { ["results"] = results };
    }

    private static async Task<JsonObject> ApplyOneAsync(ITaskCallbacks callbacks, JsonNode? item, int index, Func<TaskAnswer, CancellationToken, Task<bool>> mayAnswer, CancellationToken cancellationToken)
    {
        var result = new JsonObject { ["index"] = index };
        TaskAnswer answer;
        try
        {
            answer = TaskAnswer.Read(item);
        }
        catch (InvalidInputException e)
        {
            result["status"] = "invalid";
            result["error"] = e.Message;
            return result;
        }

        result["taskId"] = answer.TaskId;
        try
        {
            if (!await mayAnswer(answer, cancellationToken))
            {
                throw new NotFoundException("The task token is not one of this caller's tasks.");
            }

            await answer.ApplyAsync(callbacks, cancellationToken);
            result["status"] = "delivered";
            result["answered"] = answer.Answered;
        }
        catch (InvalidInputException e)
        {
            result["status"] = "invalid";
            result["error"] = e.Message;
        }
        catch (NotFoundException e)
        {
            result["status"] = "not_found";
            result["error"] = e.Message;
        }
        catch (ConflictException e)
        {
            result["status"] = "conflict";
            result["error"] = e.Message;
        }

        return result;
    }
}
