using Gdpr.Workflows.Erasure.Requests;

namespace Gdpr.Workflows.Erasure.Tests.Requests;

public class RetentionGroundTests
{
    [Theory]
    [InlineData(RetentionGround.FreedomOfExpression, "Art. 17(3)(a)")]
    [InlineData(RetentionGround.LegalObligation, "Art. 17(3)(b)")]
    [InlineData(RetentionGround.PublicHealth, "Art. 17(3)(c)")]
    [InlineData(RetentionGround.ArchivingOrResearch, "Art. 17(3)(d)")]
    [InlineData(RetentionGround.LegalClaims, "Art. 17(3)(e)")]
    public void Article_EachGround_NamesItsPoint(RetentionGround ground, string article) =>
        ground.Article().Should().Be(article);

    [Theory]
    [InlineData("Art. 17(3)(b)")]
    [InlineData("17(3)(b)")]
    [InlineData("b")]
    [InlineData("B")]
    [InlineData("legalObligation")]
    [InlineData(" Art.17(3)(b) ")]
    public void TryParse_AnySpelling_FindsTheGround(string text)
    {
        RetentionGrounds.TryParse(text, out var ground).Should().BeTrue();
        ground.Should().Be(RetentionGround.LegalObligation);
    }

    [Theory]
    [InlineData("f")]
    [InlineData("17(3)")]
    [InlineData("")]
    [InlineData(null)]
    public void TryParse_Unknown_Fails(string? text) =>
        RetentionGrounds.TryParse(text, out _).Should().BeFalse();
}
