using System.Net;
using System.Net.Http.Json;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Commandes;

[Collection(TestCollection.Name)]
public sealed class OrderValidationTests(TestEnvironment env) : IAsyncLifetime
{
    private HttpClient _http = null!;

    public async Task InitializeAsync() => _http = await env.IsolatedCommandesClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_order_needs_at_least_one_line()
    {
        var empty = await _http.PostAsJsonAsync("/orders/", new { client_id = 5, lignes = Array.Empty<object>() });
        var missing = await _http.PostAsJsonAsync("/orders/", new { client_id = 5 });

        foreach (var response in new[] { empty, missing })
        {
            var problem = await response.AssertValidationErrorAsync("lignes");
            Assert.Equal("Au moins une ligne requise", problem.GetProperty("errors").GetProperty("lignes")[0].GetString());
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-4)]
    public async Task The_client_id_must_be_positive(int? clientId)
    {
        var response = await _http.PostAsJsonAsync("/orders/", new { client_id = clientId, lignes = new[] { new { produit_id = 1, prix_unitaire = 2 } } });

        await response.AssertValidationErrorAsync("client_id");
    }

    public static TheoryData<string, object?> InvalidLineValues => new()
    {
        { "produit_id", null },
        { "produit_id", 0 },
        { "quantite", 0 },
        { "quantite", -2 },
        { "quantite", 10_001 },
        { "prix_unitaire", null },
        { "prix_unitaire", 0 },
        { "prix_unitaire", -1 },
        { "prix_unitaire", 1_000_000.01 },
        { "prix_unitaire", 1.234 },
    };

    [Theory]
    [MemberData(nameof(InvalidLineValues))]
    public async Task Each_line_field_is_checked_and_named_with_its_index(string field, object? value)
    {
        var clientId = OrderRequests.NewClientId();
        var second = new Dictionary<string, object?> { ["produit_id"] = 3, ["quantite"] = 1, ["prix_unitaire"] = 2.5m, [field] = value };
        var body = new { client_id = clientId, lignes = new object[] { new { produit_id = 1, quantite = 1, prix_unitaire = 1 }, second } };

        var response = await _http.PostAsJsonAsync("/orders/", body);

        await response.AssertValidationErrorAsync($"lignes[1].{field}");
        Assert.Equal("0", (await _http.GetAsync($"/orders/client/{clientId}")).Headers.GetValues("X-Total-Count").Single());
    }

    [Fact]
    public async Task Errors_of_the_first_line_are_keyed_lignes_0()
    {
        var response = await _http.PostAsJsonAsync("/orders/", new { client_id = 1, lignes = new[] { new { produit_id = 1, quantite = 0, prix_unitaire = 0 } } });

        var problem = await response.AssertValidationErrorAsync("lignes[0].quantite", "lignes[0].prix_unitaire");
        Assert.False(problem.GetProperty("errors").TryGetProperty("lignes[0].produit_id", out _));
    }

    [Fact]
    public async Task The_smallest_and_largest_values_are_accepted()
    {
        var clientId = OrderRequests.NewClientId();
        var body = new
        {
            client_id = clientId,
            lignes = new object[]
            {
                new { produit_id = 1, quantite = 1, prix_unitaire = 0.01m },
                new { produit_id = int.MaxValue, quantite = 10_000, prix_unitaire = 1_000_000m },
                new { produit_id = 2, quantite = 1, prix_unitaire = 2.500m },
            },
        };

        var commande = await (await _http.PostAsJsonAsync("/orders/", body)).ReadJsonAsync(HttpStatusCode.Created);

        Assert.Equal(10_000_000_002.51m, commande.GetProperty("total").GetDecimal());
    }

    [Fact]
    public async Task A_null_line_is_refused()
    {
        var response = await _http.PostAsJsonAsync("/orders/", new { client_id = 1, lignes = new object?[] { null } });

        await response.AssertValidationErrorAsync("lignes[0]");
    }

    [Fact]
    public async Task At_most_100_lines_and_the_largest_order_fits()
    {
        var line = new { produit_id = 1, quantite = 10_000, prix_unitaire = 1_000_000m };

        var tooMany = await _http.PostAsJsonAsync("/orders/", new { client_id = 1, lignes = Enumerable.Repeat(line, 101) });
        var largest = await _http.PostAsJsonAsync("/orders/", new { client_id = 1, lignes = Enumerable.Repeat(line, 100) });

        await tooMany.AssertValidationErrorAsync("lignes");
        Assert.Equal(1_000_000_000_000m, (await largest.ReadJsonAsync(HttpStatusCode.Created)).GetProperty("total").GetDecimal());
    }
}
