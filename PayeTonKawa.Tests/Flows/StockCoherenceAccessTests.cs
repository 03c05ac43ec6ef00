using System.Net;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using PayeTonKawa.Commandes.Coherence;
using PayeTonKawa.ServiceDefaults.Http;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Flows;

/// <summary>Who may run the stock coherence check and read Produits' reservations, and what the check says when Produits is away.</summary>
[Collection(TestCollection.Name)]
public sealed class StockCoherenceAccessTests(TestEnvironment env)
{
    [Theory]
    [InlineData("/admin/reservations/ecarts")]
    [InlineData("/admin/reservations")]
    public async Task Only_a_key_with_the_messaging_admin_scope_may_check(string path)
    {
        var api = path.EndsWith("ecarts", StringComparison.Ordinal) ? env.Commandes.CreateClient(apiKey: null) : env.Produits.CreateClient(apiKey: null);
        var shop = path.EndsWith("ecarts", StringComparison.Ordinal) ? env.Commandes.CreateClient(TestKeys.Shop) : env.Produits.CreateClient(TestKeys.Shop);

        await (await api.GetAsync(path)).AssertProblemAsync(HttpStatusCode.Unauthorized, Messages.ApiKeyMissing);
        await (await shop.GetAsync(path)).AssertProblemAsync(HttpStatusCode.Forbidden, Messages.ApiKeyNotAllowed(TestKeys.ShopName));
    }

    [Theory]
    [InlineData("/admin/reservations/ecarts?stabilite_secondes=-1", "stabilite_secondes")]
    [InlineData("/admin/reservations/ecarts?stabilite_secondes=86401", "stabilite_secondes")]
    [InlineData("/admin/reservations?limite=0", "limite")]
    [InlineData("/admin/reservations?apres=-1", "apres")]
    public async Task Out_of_range_parameters_are_refused_by_name(string path, string field)
    {
        var api = path.Contains("ecarts", StringComparison.Ordinal) ? env.Commandes.CreateClient() : env.Produits.CreateClient();

        await (await api.GetAsync(path)).AssertValidationErrorAsync(field);
    }

    [Fact]
    public async Task Produits_lists_its_reservations_by_commande_id_one_page_after_another()
    {
        var flow = new FlowClient(env);
        var produit = await flow.CreateProductAsync(stock: 10);
        var first = await flow.CreateOrderAsync(OrderRequests.NewClientId(), (produit, 2), (produit, 1));
        var second = await flow.CreateOrderAsync(OrderRequests.NewClientId(), (produit, 1));
        await flow.WaitForOrderAsync(first, "validee");
        await flow.WaitForOrderAsync(second, "validee");
        var (low, high) = (Math.Min(first, second), Math.Max(first, second));

        var page = await (await flow.Produits.GetAsync($"/admin/reservations?apres={low - 1}&limite=1")).ReadJsonAsync(HttpStatusCode.OK);
        var next = await (await flow.Produits.GetAsync($"/admin/reservations?apres={low}&limite=500")).ReadJsonAsync(HttpStatusCode.OK);

        var reservation = Assert.Single(page.EnumerateArray());
        Assert.Equal(low, reservation.GetProperty("commande_id").GetInt32());
        Assert.Equal("reservee", reservation.GetProperty("statut").GetString());
        var ligne = Assert.Single(reservation.GetProperty("lignes").EnumerateArray());
        Assert.Equal((produit, low == first ? 3 : 1), (ligne.GetProperty("produit_id").GetInt32(), ligne.GetProperty("quantite").GetInt32()));
        var ids = next.EnumerateArray().Select(item => item.GetProperty("commande_id").GetInt32()).ToList();
        Assert.Contains(high, ids);
        Assert.All(ids, id => Assert.True(id > low));
        Assert.Equal(ids.Order(), ids);
    }

    [Fact]
    public async Task The_check_answers_503_with_retry_after_while_produits_cannot_be_reached()
    {
        await using var commandes = (await env.IsolatedCommandesAsync()).WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
        {
            services.AddHttpClient<ProduitsReservationsClient>()
                .ConfigurePrimaryHttpMessageHandler(() => new UnreachableHandler());
            // One quick retry instead of the standard three with back-off: the answer is the same, only later.
            services.Configure<HttpStandardResilienceOptions>($"{nameof(ProduitsReservationsClient)}-standard", options =>
            {
                options.Retry.MaxRetryAttempts = 1;
                options.Retry.Delay = TimeSpan.Zero;
            });
        }));

        var response = await commandes.CreateClientWithKey(TestKeys.Legacy).GetAsync("/admin/reservations/ecarts");

        await response.AssertProblemAsync(HttpStatusCode.ServiceUnavailable, CoherenceMessages.ProduitsUnreachable);
        Assert.Equal(TimeSpan.FromSeconds(30), response.Headers.RetryAfter?.Delta);
    }

    private sealed class UnreachableHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new HttpRequestException("Connection refused (produits:80)", null, HttpStatusCode.ServiceUnavailable);
    }
}
