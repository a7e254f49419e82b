namespace Gdpr.Workflows.Engine.Language;

/// <summary>
/// A state machine definition that AWS would refuse at CreateStateMachine (InvalidDefinition).
/// The message names the state and the field, e.g. "State 'Charge': Next 'Shipx' does not exist".
/// </summary>
public class AslDefinitionException(string message) : Exception(message)
{
    public const string ErrorCode = "InvalidDefinition";
}
