namespace Gdpr.Workflows.Stack.Tests.Checks;

/// <summary>
/// The SAM policy templates the checks know, with the DynamoDB actions each grants (from SAM's
/// policy_templates.json). A template that is not listed fails the checks until someone reads what it grants and
/// adds it here: a policy template is a permission we cannot see in template.yaml.
/// </summary>
internal static class SamPolicyTemplates
{
    /// <summary>Templates whose statements are all scoped to the resource named in their arguments.</summary>
    public static readonly IReadOnlyDictionary<string, string[]> Scoped = new Dictionary<string, string[]>(StringComparer.Ordinal)
    {
        ["LambdaInvokePolicy"] = [],
        ["SNSPublishMessagePolicy"] = [],
        ["SQSSendMessagePolicy"] = [],
        ["StepFunctionsExecutionPolicy"] = [],
        ["KMSDecryptPolicy"] = [],
        ["KMSEncryptPolicy"] = [],
        ["DynamoDBReadPolicy"] = ["dynamodb:GetItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:BatchGetItem", "dynamodb:DescribeTable"],
        ["DynamoDBStreamReadPolicy"] = ["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams"],
        ["DynamoDBCrudPolicy"] =
        [
            "dynamodb:GetItem", "dynamodb:DeleteItem", "dynamodb:PutItem", "dynamodb:Scan", "dynamodb:Query", "dynamodb:UpdateItem",
            "dynamodb:BatchWriteItem", "dynamodb:BatchGetItem", "dynamodb:DescribeTable", "dynamodb:ConditionCheckItem",
        ],
        ["DynamoDBWritePolicy"] = ["dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"],
        ["DynamoDBRestoreFromBackupPolicy"] =
        [
            "dynamodb:RestoreTableFromBackup", "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:GetItem",
            "dynamodb:Query", "dynamodb:Scan", "dynamodb:BatchWriteItem",
        ],
        ["DynamoDBReconfigurePolicy"] = ["dynamodb:UpdateTable"],
    };

    /// <summary>Templates with a statement on Resource '*' (so they need an allow-list entry), per SAM 1.110.</summary>
    public static readonly IReadOnlySet<string> Wildcard = new HashSet<string>(StringComparer.Ordinal)
    {
        "AMIDescribePolicy", "AWSSecretsManagerRotationPolicy", "AthenaQueryPolicy", "CloudWatchDashboardPolicy",
        "CloudWatchDescribeAlarmHistoryPolicy", "CloudWatchPutMetricPolicy", "CodePipelineLambdaExecutionPolicy",
        "ComprehendBasicAccessPolicy", "CostExplorerReadOnlyPolicy", "EC2DescribePolicy", "EKSDescribePolicy",
        "MobileAnalyticsWriteOnlyAccessPolicy", "OrganizationsListAccountsPolicy", "RekognitionDetectOnlyPolicy",
        "RekognitionFacesPolicy", "RekognitionLabelsPolicy", "SESBulkTemplatedCrudPolicy_v2", "SESEmailTemplateCrudPolicy",
        "SSMParameterReadPolicy", "SSMParameterWithSlashPrefixReadPolicy", "TextractDetectAnalyzePolicy",
        "TextractGetResultPolicy", "TextractPolicy", "VPCAccessPolicy",
    };
}
