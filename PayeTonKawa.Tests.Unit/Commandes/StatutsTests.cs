using PayeTonKawa.Commandes.Orders;

namespace PayeTonKawa.Tests.Commandes;

[Trait("Category", "Unit")]
public sealed class StatutsTests
{
    [Fact]
    public void Every_status_is_known_and_nothing_else_is()
    {
        Assert.All(Statuts.All, statut => Assert.True(Statuts.IsKnown(statut)));
        Assert.False(Statuts.IsKnown("perdue"));
        Assert.False(Statuts.IsKnown(null));
    }

    [Fact]
    public void Only_the_lifecycle_steps_and_cancellation_before_shipping_are_open_to_callers()
    {
        var allowed = Statuts.All.SelectMany(from => Statuts.All.Select(to => (from, to)))
            .Where(pair => pair.from != pair.to && Statuts.RefusalForCaller(pair.from, pair.to) is null)
            .ToHashSet();

        Assert.Equal(
            new HashSet<(string, string)>
            {
                ("en_attente", "annulee"),
                ("validee", "en_preparation"),
                ("validee", "annulee"),
                ("en_preparation", "expediee"),
                ("en_preparation", "annulee"),
                ("expediee", "livree"),
            },
            allowed);
    }

    [Theory]
    [InlineData("en_attente", "validee", "réservé")]
    [InlineData("validee", "client_supprime", "système")]
    [InlineData("livree", "annulee", "ne peut plus changer")]
    [InlineData("expediee", "annulee", "expédiée")]
    [InlineData("validee", "livree", "en_preparation")]
    [InlineData("en_attente", "expediee", "réservation")]
    public void Refusals_explain_themselves_in_french(string from, string to, string expected)
    {
        Assert.Contains(expected, Statuts.RefusalForCaller(from, to), StringComparison.Ordinal);
    }

    [Fact]
    public void Only_orders_before_shipping_may_hold_stock()
    {
        Assert.Equal(["en_attente", "validee", "en_preparation"], Statuts.All.Where(Statuts.MayHoldStock));
    }
}
