namespace Gdpr.Workflows.Aws.StepFunctions;

/// <summary>Step Functions' error codes, as <see cref="AwsServiceException.ErrorCode"/> carries them.</summary>
public static class StepFunctionsErrorCodes
{
    /// <summary>StartExecution with a used name and a different input (the same input returns the first execution).</summary>
    public const string ExecutionAlreadyExists = "ExecutionAlreadyExists";
    public const string ExecutionDoesNotExist = "ExecutionDoesNotExist";
    public const string ExecutionLimitExceeded = "ExecutionLimitExceeded";
    public const string InvalidArn = "InvalidArn";
    public const string InvalidExecutionInput = "InvalidExecutionInput";
    public const string InvalidName = "InvalidName";
    public const string InvalidDefinition = "InvalidDefinition";
    public const string InvalidOutput = "InvalidOutput";

    /// <summary>The task token is malformed.</summary>
    public const string InvalidToken = "InvalidToken";

    /// <summary>The token's task has already ended (answered, failed, or its execution stopped).</summary>
    public const string TaskDoesNotExist = "TaskDoesNotExist";

    /// <summary>The token's task timed out (its TimeoutSeconds or HeartbeatSeconds passed).</summary>
    public const string TaskTimedOut = "TaskTimedOut";
    public const string StateMachineDoesNotExist = "StateMachineDoesNotExist";
    public const string StateMachineAlreadyExists = "StateMachineAlreadyExists";
    public const string StateMachineDeleting = "StateMachineDeleting";
    public const string ValidationException = "ValidationException";
    public const string ThrottlingException = "ThrottlingException";
}
