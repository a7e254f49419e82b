using Gdpr.Workflows.Erasure.Requests;
using Gdpr.Workflows.WebConsole.Pages;
using Gdpr.Workflows.WebConsole.Queue;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace Gdpr.Workflows.WebConsole.Tests.Pages;

public sealed class QueueFilterTests
{
    [Fact]
    public void Read_EveryFilter_RoundTripsThroughTheQueryString()
    {
        var filter = QueueFilter.Read(Query(("status", "InProgress"), ("overdue", "1"), ("within", "7"), ("systems", "noresponse"), ("q", "jane@example.com")), out var problem);

        problem.Should().BeNull();
        filter.Should().Be(new QueueFilter(RequestStatus.InProgress, true, 7, SystemTrouble.NotResponding, "jane@example.com", null));
        QueueFilter.Read(new QueryCollection(QueryHelpersParse(filter.QueryString("next"))), out _).Should().Be(filter with { After = "next" });
    }

    [Theory]
    [InlineData("status", "Completed")]
    [InlineData("within", "-1")]
    [InlineData("within", "seven")]
    public void Read_BadValue_IsAProblem(string name, string value)
    {
        QueueFilter.Read(Query((name, value)), out var problem);

        problem.Should().NotBeNull();
    }

    [Theory]
    [InlineData(null, "days-none", "no deadline running")]
    [InlineData(-3, "days-overdue", "3 days overdue")]
    [InlineData(0, "days-urgent", "due today")]
    [InlineData(4, "days-urgent", "4 days left")]
    [InlineData(5, "days-soon", "5 days left")]
    [InlineData(9, "days-soon", "9 days left")]
    [InlineData(10, "days-ok", "10 days left")]
    public void DaysClass_Thresholds_FollowTheQueueColours(int? days, string css, string text)
    {
        Formats.DaysClass(days).Should().Be(css);
        Formats.DaysText(days).Should().Be(text);
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    public void Csv_Value_IsQuotedAndNeverAFormula(string value, string expected) => QueuePage.Csv(value).Should().Be(expected);

    [Theory]
    [InlineData("jane@example.com", "Email")]
    [InlineData("+44 7700 900123", "Phone")]
    [InlineData("CUST-42", "CustomerId")]
    public void Identifier_Form_TellsTheKind(string value, string kind) => QueueQuery.Identifier(value).Kind.ToString().Should().Be(kind);

    private static QueryCollection Query(params (string Name, string Value)[] values) =>
        new(values.ToDictionary(v => v.Name, v => new StringValues(v.Value)));

    private static Dictionary<string, StringValues> QueryHelpersParse(string query) => Microsoft.AspNetCore.WebUtilities.QueryHelpers.ParseQuery(query);
}
