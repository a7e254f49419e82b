using System.Text.Json;
using Gdpr.Workflows.Erasure.Subjects;
using Gdpr.Workflows.Samples.Seeding;

namespace Gdpr.Workflows.Samples.Tests.Seeding;

public class SampleDataSeederTests
{
    private static readonly DateOnly AsOf = new(2025, 3, 3);

    [Fact]
    public void Generate_SameSeed_SameData()
    {
        var first = JsonSerializer.Serialize(new SampleDataSeeder(42).Generate(200, AsOf));
        var second = JsonSerializer.Serialize(new SampleDataSeeder(42).Generate(200, AsOf));
        var other = JsonSerializer.Serialize(new SampleDataSeeder(43).Generate(200, AsOf));

        second.Should().Be(first);
        other.Should().NotBe(first);
    }

    [Fact]
    public void Generate_Customers_UniqueValidEmailsAndPhones()
    {
        var customers = new SampleDataSeeder(7).Generate(2000, AsOf).Customers;

        customers.Select(c => c.Email.ToLowerInvariant()).Should().OnlyHaveUniqueItems();
        customers.Select(c => c.CustomerId).Should().OnlyHaveUniqueItems();
        customers.Where(c => c.PhoneE164 is not null).Select(c => c.PhoneE164).Should().OnlyHaveUniqueItems();
        customers.Should().AllSatisfy(c =>
        {
            var domain = c.Email[(c.Email.IndexOf('@', StringComparison.Ordinal) + 1)..].ToLowerInvariant();
            domain.Should().MatchRegex(@"(^|\.)example\.(com|org|net)$");
            if (c.PhoneDisplay is not null)
            {
                SubjectIdentifier.Phone(c.PhoneDisplay, PhoneNumberDefaults.UnitedKingdom).Value.Should().Be(c.PhoneE164);
            }

            c.Subject().Should().NotBeEmpty();
        });
    }

    [Fact]
    public void Generate_FirstCustomer_HasDataInEverySystemAndARetainedInvoice()
    {
        var data = new SampleDataSeeder(1).Generate(10, AsOf);
        var first = data.Customers[0];

        data.CrmCustomers.Should().Contain(c => c.Id == first.CustomerId);
        data.Orders.Count(o => o.CustomerId == first.CustomerId).Should().Be(3);
        data.Invoices.Where(i => i.CustomerId == first.CustomerId).Should().Contain(i => i.IssuedOn > AsOf.AddYears(-6))
            .And.Contain(i => i.IssuedOn < AsOf.AddYears(-6));
        data.MarketingContacts.Should().Contain(m => string.Equals(m.Email, first.Email, StringComparison.OrdinalIgnoreCase));
        data.Tickets.Should().Contain(t => t.RequesterEmail == first.Email);
        first.PhoneE164.Should().NotBeNull();
    }

    [Theory]
    [InlineData(0)]
    [InlineData(SampleDataSeeder.MaxCustomers + 1)]
    public void Generate_CountOutOfRange_Throws(int count)
    {
        var act = () => new SampleDataSeeder(1).Generate(count, AsOf);

        act.Should().Throw<ArgumentOutOfRangeException>();
    }
}
