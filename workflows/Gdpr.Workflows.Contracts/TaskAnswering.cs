using System.Text.Json.Nodes;
using Gdpr.Workflows.Erasure.Errors;

namespace Gdpr.Workflows.Contracts;

/// <summary>
/// Applies a host's answer to a task, returning true when the same answer had been taken before (a duplicate, changed
/// nothing). It throws <see cref="NotFoundException"/> for a token not the caller's, <see cref="ConflictException"/>
/// for a task that can no longer be answered.
/// </summary>
public delegate Task<bool> ApplyTaskAnswer(TaskAnswer answer, CancellationToken cancellationToken);

/// <summary>
/// The answer routes every host serves, host-neutral: <c>POST /tasks/callback</c> (one answer, answer.schema.json) and
/// <c>POST /tasks/answers</c> (a batch, batch.schema.json). Each host supplies only how an answer is applied.
/// </summary>
public static class TaskAnswering
{
    /// <summary>Most answers in one batch.</summary>
    public const int MaxBatch = 100;

    /// <summary>One answer: checked against the contract, applied, mapped to the contract's response.</summary>
    public static async Task<TaskAnswerResponse> AnswerAsync(JsonNode? body, ApplyTaskAnswer apply, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(apply);
        try
        {
            var answer = TaskAnswer.Read(body);
            var duplicate = await apply(answer, cancellationToken);
            return TaskAnswerResponse.Taken(answer, duplicate);
        }
        catch (ErasureException failure) when (TaskAnswerResponse.Of(failure) is { } response)
        {
            return response;
        }
    }

    /// <summary>
    /// A batch: 400 when the envelope breaks batch.schema.json, else 200 <c>{results: [{index, status, ...body}]}</c>,
    /// each item answered in order exactly as <see cref="AnswerAsync"/> would answer it alone. A repeated batch changes
    /// nothing: its answers come back as duplicates.
    /// </summary>
    public static async Task<TaskAnswerResponse> AnswerBatchAsync(JsonNode? body, ApplyTaskAnswer apply, CancellationToken cancellationToken = default)
    {
        var check = ErasureTaskContract.Validate(ErasureTaskDocument.Batch, body);
        if (!check.Valid)
        {
            return TaskAnswerResponse.Error(400, "bad_input", $"A batch is {{\"answers\": [...]}} with 1 to {MaxBatch} answers (batch.schema.json): {check}");
        }

        var answers = body!["answers"]!.AsArray();
        var results = new JsonArray();
        for (var index = 0; index < answers.Count; index++)
        {
            var response = await AnswerAsync(answers[index], apply, cancellationToken);
            var result = new JsonObject { ["index"] = index, ["status"] = response.Status };
            foreach (var (name, value) in response.Body.ToList())
            {
                response.Body.Remove(name);
                result[name] = value;
            }

            results.Add((JsonNode)result);
        }

        return new TaskAnswerResponse(200, new JsonObject { ["results"] = results });
    }
}
