using Xunit.Abstractions;
using Xunit.Sdk;

namespace Gdpr.Workflows.Stores.Tests.Support;

/// <summary>
/// A <see cref="FactAttribute"/> for the abstract contract classes. A concrete class marked
/// <see cref="SkipUnlessEnvironmentAttribute"/> has its inherited contract tests reported as skipped
/// (with the reason) while the variable is unset - xunit 2 has no other way to skip an inherited fact.
/// </summary>
[XunitTestCaseDiscoverer("Gdpr.Workflows.Stores.Tests.Support.ContractFactDiscoverer", "Gdpr.Workflows.Stores.Tests")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class ContractFactAttribute : FactAttribute
{
}

/// <summary>Skips the class's <see cref="ContractFactAttribute"/> tests unless the environment variable is set.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class SkipUnlessEnvironmentAttribute(string variable) : Attribute
{
    public string Variable { get; } = variable;
}

public sealed class ContractFactDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var display = discoveryOptions.MethodDisplayOrDefault();
        var displayOptions = discoveryOptions.MethodDisplayOptionsOrDefault();
        var variable = testMethod.TestClass.Class.GetCustomAttributes(typeof(SkipUnlessEnvironmentAttribute))
            .Select(a => a.GetConstructorArguments().FirstOrDefault() as string)
            .FirstOrDefault(v => v is not null);
        if (variable is not null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(variable)))
        {
            yield return new SkippedContractTestCase(diagnosticMessageSink, display, displayOptions, testMethod, $"{variable} is not set");
            yield break;
        }

        yield return new XunitTestCase(diagnosticMessageSink, display, displayOptions, testMethod);
    }
}

/// <summary>A test case that is always skipped with a given reason.</summary>
public sealed class SkippedContractTestCase : XunitTestCase
{
    private string _reason = string.Empty;

    [Obsolete("Called by the de-serializer; should only be called by deriving classes for de-serialization purposes")]
    public SkippedContractTestCase()
    {
    }

    public SkippedContractTestCase(IMessageSink sink, TestMethodDisplay display, TestMethodDisplayOptions displayOptions, ITestMethod testMethod, string reason)
        : base(sink, display, displayOptions, testMethod)
    {
        _reason = reason;
    }

    public override void Serialize(IXunitSerializationInfo data)
    {
        base.Serialize(data);
        data.AddValue("SkipReasonText", _reason);
    }

    public override void Deserialize(IXunitSerializationInfo data)
    {
        _reason = data.GetValue<string>("SkipReasonText");
        base.Deserialize(data);
    }

    protected override string GetSkipReason(IAttributeInfo factAttribute) => _reason;
}
