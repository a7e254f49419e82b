using System.Net;
using System.Text.Json;
using Amazon.DynamoDBv2;
using Amazon.DynamoDBv2.Model;
using Gdpr.Workflows.Aws;
using Gdpr.Workflows.Aws.Http;

namespace Gdpr.Workflows.Stores.DynamoDb.Http;

/// <summary>
/// A small DynamoDB client for the stores' operations: the JSON 1.0 protocol (<c>POST /</c>,
/// <c>X-Amz-Target: DynamoDB_20120810.&lt;Operation&gt;</c>) over HttpClient, signed with SigV4 (service <c>dynamodb</c>),
/// bodies written and read by hand. It takes and returns the AWS SDK's model types and throws the SDK's exception types,
/// but never loads the SDK's DynamoDB client pipeline (handlers, endpoint rules, unmarshallers), which costs a Native
/// AOT Lambda several milliseconds of its cold start. Retries as the SDK's standard mode: throttling, 5xx and connection
/// failures, up to <see cref="MaxAttempts"/> attempts in all with jittered exponential backoff on the options' clock;
/// never a conditional failure or a cancelled transaction.
/// </summary>
public sealed class HttpDynamoDbClient : IDynamoDbClient, IDisposable
{
    /// <summary>Attempts per call, the first included (the SDK's standard mode).</summary>
    public const int MaxAttempts = 3;

    private const string ContentType = "application/x-amz-json-1.0";
    private const string TargetPrefix = "DynamoDB_20120810.";
    private static readonly TimeSpan BaseDelay = TimeSpan.FromMilliseconds(100);
    private static readonly TimeSpan MaxDelay = TimeSpan.FromSeconds(20);

    private readonly AwsSignedHttpClient _http;
    private readonly TimeProvider _time;

    /// <param name="options">Region, endpoint (null for <c>https://dynamodb.&lt;region&gt;.amazonaws.com/</c>), credentials,
    /// transport, and the clock of the signature and of the backoff between attempts.</param>
    public HttpDynamoDbClient(AwsClientOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = new AwsSignedHttpClient(options, signingService: "dynamodb", endpointPrefix: "dynamodb");
        _time = options.TimeProvider;
    }

    /// <summary>A client configured from AWS_REGION, AWS_ENDPOINT_URL_DYNAMODB / AWS_ENDPOINT_URL and the credential chain.</summary>
    /// <param name="getVariable">Reads a variable; null for the process environment.</param>
    public static HttpDynamoDbClient FromEnvironment(Func<string, string?>? getVariable = null) =>
        new(AwsClientOptions.FromEnvironment("DYNAMODB", getVariable));

    public Uri Endpoint => _http.Endpoint;

    public Task<GetItemResponse> GetItemAsync(GetItemRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("GetItem", DynamoDbRequestWriter.GetItem(Required(request)), DynamoDbResponseReader.GetItem, cancellationToken);

    public Task<PutItemResponse> PutItemAsync(PutItemRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("PutItem", DynamoDbRequestWriter.PutItem(Required(request)), DynamoDbResponseReader.PutItem, cancellationToken);

    public Task<UpdateItemResponse> UpdateItemAsync(UpdateItemRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("UpdateItem", DynamoDbRequestWriter.UpdateItem(Required(request)), DynamoDbResponseReader.UpdateItem, cancellationToken);

    public Task<DeleteItemResponse> DeleteItemAsync(DeleteItemRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("DeleteItem", DynamoDbRequestWriter.DeleteItem(Required(request)), DynamoDbResponseReader.DeleteItem, cancellationToken);

    public Task<QueryResponse> QueryAsync(QueryRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("Query", DynamoDbRequestWriter.Query(Required(request)), DynamoDbResponseReader.Query, cancellationToken);

    public Task<BatchGetItemResponse> BatchGetItemAsync(BatchGetItemRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("BatchGetItem", DynamoDbRequestWriter.BatchGetItem(Required(request)), DynamoDbResponseReader.BatchGetItem, cancellationToken);

    public Task<TransactWriteItemsResponse> TransactWriteItemsAsync(TransactWriteItemsRequest request, CancellationToken cancellationToken = default) =>
        CallAsync("TransactWriteItems", DynamoDbRequestWriter.TransactWriteItems(Required(request)), DynamoDbResponseReader.TransactWriteItems, cancellationToken);

    public void Dispose() => _http.Dispose();

    private static T Required<T>(T request)
        where T : class =>
        request ?? throw new ArgumentNullException(nameof(request));

    private async Task<TResponse> CallAsync<TResponse>(string operation, byte[] body, Func<JsonElement, TResponse> read, CancellationToken cancellationToken)
        where TResponse : Amazon.Runtime.AmazonWebServiceResponse
    {
        KeyValuePair<string, string>[] headers = [new("X-Amz-Target", TargetPrefix + operation)];
        for (var attempt = 1; ; attempt++)
        {
            HttpResponseMessage? response = null;
            byte[] content;
            try
            {
                response = await _http.PostAsync(body, ContentType, headers, cancellationToken);
                content = await response.Content.ReadAsByteArrayAsync(cancellationToken);
            }
            catch (Exception failure) when (attempt < MaxAttempts && IsConnectionFailure(failure, cancellationToken))
            {
                response?.Dispose();
                await BackoffAsync(attempt, cancellationToken);
                continue;
            }
            catch
            {
                response?.Dispose();
                throw;
            }

            using (response)
            {
                var requestId = AwsRequestIds.From(response);
                if (!response.IsSuccessStatusCode)
                {
                    var error = DynamoDbErrors.Parse(response.StatusCode, requestId, content);
                    if (attempt < MaxAttempts && DynamoDbErrors.IsRetryable(error))
                    {
                        await BackoffAsync(attempt, cancellationToken);
                        continue;
                    }

                    throw error;
                }

                var result = Read(operation, content, read);
                result.HttpStatusCode = response.StatusCode;
                result.ContentLength = content.Length;
                result.ResponseMetadata = new Amazon.Runtime.ResponseMetadata { RequestId = requestId };
                return result;
            }
        }
    }

    private static TResponse Read<TResponse>(string operation, byte[] content, Func<JsonElement, TResponse> read)
    {
        try
        {
            // An operation with nothing to say may answer with an empty body rather than "{}".
            using var document = JsonDocument.Parse(content.Length == 0 ? "{}"u8.ToArray() : content);
            return read(document.RootElement);
        }
        catch (Exception malformed) when (malformed is JsonException or InvalidOperationException or FormatException)
        {
            throw new AmazonDynamoDBException($"{operation} answered with a body that is not its documented JSON.", malformed);
        }
    }

    /// <summary>No answer at all: the connection failed, or HttpClient's timeout (not the caller) cancelled the attempt.</summary>
    private static bool IsConnectionFailure(Exception failure, CancellationToken cancellationToken) =>
        failure is HttpRequestException or IOException
        || (failure is OperationCanceledException && !cancellationToken.IsCancellationRequested);

    /// <summary>Full jitter: a random wait up to 100 ms doubled per earlier attempt, at most 20 s.</summary>
    private Task BackoffAsync(int attempt, CancellationToken cancellationToken)
    {
        var ceiling = Math.Min(MaxDelay.TotalMilliseconds, BaseDelay.TotalMilliseconds * Math.Pow(2, attempt - 1));
        return Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * ceiling), _time, cancellationToken);
    }
}
