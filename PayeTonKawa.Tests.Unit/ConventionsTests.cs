using System.Text.Json;
using PayeTonKawa.Commandes.Orders;
using PayeTonKawa.Produits.Products;
using PayeTonKawa.ServiceDefaults.Data;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.Tests.Unit;

/// <summary>How the services write amounts and dates: as the legacy API did, and as the database gives them back.</summary>
[Trait("Category", "Unit")]
public sealed class ConventionsTests
{
    [Theory]
    [InlineData("12.50", "12.5")]
    [InlineData("12.00", "12")]
    [InlineData("0.10", "0.1")]
    public void An_amount_is_written_without_the_zeros_of_its_scale(string stored, string written) =>
        Assert.Equal(written, decimal.Parse(stored, System.Globalization.CultureInfo.InvariantCulture).WithoutTrailingZeros().ToString(System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void A_date_keeps_the_microseconds_postgresql_keeps()
    {
        var date = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_567);

        Assert.Equal(new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero).AddTicks(1_234_560), date.ToMicroseconds());
        Assert.Equal(date.ToMicroseconds(), new Commande { DateCommande = date }.DateCommande);
        Assert.Equal(date.ToMicroseconds(), new Produit { Nom = "Moka", DateCreation = date }.DateCreation);
    }

    [Fact]
    public void Responses_write_prices_and_totals_as_the_legacy_api()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web);
        JsonConventions.Apply(options);
        var commande = new Commande { Id = 1, ClientId = 2, Total = 25.00m };
        commande.Lignes.Add(new LigneCommande { Id = 1, ProduitId = 3, Quantite = 2, PrixUnitaire = 12.50m });

        var order = JsonSerializer.SerializeToElement(OrderResponse.From(commande), options);
        var product = JsonSerializer.SerializeToElement(ProductResponse.From(new Produit { Nom = "Moka", Prix = 12.50m, PoidsKg = 1.000m }), options);

        Assert.Equal("25", order.GetProperty("total").GetRawText());
        Assert.Equal("12.5", order.GetProperty("lignes")[0].GetProperty("prix_unitaire").GetRawText());
        Assert.Equal(("12.5", "1"), (product.GetProperty("prix").GetRawText(), product.GetProperty("poids_kg").GetRawText()));
    }
}
