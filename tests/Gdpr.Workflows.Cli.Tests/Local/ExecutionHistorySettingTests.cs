using Gdpr.Workflows.Local;

namespace Gdpr.Workflows.Cli.Tests.Local;

public class ExecutionHistorySettingTests
{
    [Theory]
    [InlineData(null, 90)]
    [InlineData("", 90)]
    [InlineData("1", 1)]
    [InlineData("3650", 3650)]
    public void FromEnvironment_UnsetOrWholeDays_IsThatManyDays(string? value, int days)
    {
        ExecutionHistorySetting.FromEnvironment(_ => value).Should().Be(TimeSpan.FromDays(days));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("3651")]
    [InlineData("-5")]
    [InlineData("90.5")]
    [InlineData("ninety")]
    public void FromEnvironment_BadValue_NamesTheVariableAndTheRange(string value)
    {
        var read = () => ExecutionHistorySetting.FromEnvironment(_ => value);

        read.Should().Throw<InvalidDataException>().WithMessage($"GDPR_EXECUTION_HISTORY_DAYS must be a whole number of days from 1 to 3650*not '{value}'.");
    }
}
