using System.Net;
using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Commandes.Data;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Commandes;

[Collection(TestCollection.Name)]
public sealed class OrderStatusTests(TestEnvironment env) : IAsyncLifetime
{
    private static readonly string[] Statuses = ["en_attente", "validee", "en_preparation", "expediee", "livree", "annulee", "client_supprime"];

    private static readonly (string From, string To)[] Allowed =
    [
        ("en_attente", "annulee"),
        ("validee", "en_preparation"),
        ("validee", "annulee"),
        ("en_preparation", "expediee"),
        ("en_preparation", "annulee"),
        ("expediee", "livree"),
    ];

    public static TheoryData<string, string> AllowedByCallers => Pairs(Allowed);

    /// <summary>Every other change between two different statuses: 36 pairs.</summary>
    public static TheoryData<string, string> RefusedToCallers => Pairs(
        Statuses.SelectMany(from => Statuses.Select(to => (from, to))).Where(pair => pair.from != pair.to && !Allowed.Contains(pair)));

    public static TheoryData<string> EveryStatus => [.. Statuses];

    private HttpClient _http = null!;

    public async Task InitializeAsync() => _http = await env.IsolatedCommandesClientAsync();

    public Task DisposeAsync() => Task.CompletedTask;

    [Theory]
    [MemberData(nameof(AllowedByCallers))]
    public async Task Allowed_transitions_change_the_status_and_date(string from, string to)
    {
        var id = await CreateInStatusAsync(from);

        var commande = await (await _http.PutAsJsonAsync($"/orders/{id}", new { statut = to })).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(to, commande.GetProperty("statut").GetString());
        Assert.True(DateTimeOffset.UtcNow - commande.GetProperty("date_modification").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
        Assert.Equal(to, (await (await _http.GetAsync($"/orders/{id}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("statut").GetString());
    }

    [Theory]
    [MemberData(nameof(RefusedToCallers))]
    public async Task Forbidden_transitions_are_409_with_a_french_reason_and_change_nothing(string from, string to)
    {
        var id = await CreateInStatusAsync(from);

        var response = await _http.PutAsJsonAsync($"/orders/{id}", new { statut = to });

        var problem = await response.AssertProblemAsync(HttpStatusCode.Conflict);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));
        Assert.Equal(from, (await (await _http.GetAsync($"/orders/{id}")).ReadJsonAsync(HttpStatusCode.OK)).GetProperty("statut").GetString());
    }

    [Theory]
    [MemberData(nameof(EveryStatus))]
    public async Task Setting_the_current_status_again_is_a_200_no_op(string statut)
    {
        var id = await CreateInStatusAsync(statut);
        var before = await (await _http.GetAsync($"/orders/{id}")).ReadJsonAsync(HttpStatusCode.OK);

        var after = await (await _http.PutAsJsonAsync($"/orders/{id}", new { statut })).ReadJsonAsync(HttpStatusCode.OK);

        Assert.Equal(statut, after.GetProperty("statut").GetString());
        Assert.Equal(before.GetProperty("date_modification").ToString(), after.GetProperty("date_modification").ToString());
    }

    [Theory]
    [InlineData("{\"statut\":\"perdue\"}")]
    [InlineData("{\"statut\":\"\"}")]
    [InlineData("{\"statut\":null}")]
    [InlineData("{}")]
    [InlineData("{\"statut\":\"EN_ATTENTE\"}")]
    public async Task Unknown_or_missing_status_is_422_naming_the_allowed_values(string json)
    {
        var id = await CreateInStatusAsync("en_attente");

        var response = await _http.PutAsync($"/orders/{id}", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        var problem = await response.AssertValidationErrorAsync("statut");
        Assert.Contains("en_preparation", problem.GetProperty("errors").GetProperty("statut").ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Updating_an_unknown_order_is_404()
    {
        var response = await _http.PutAsJsonAsync("/orders/987654321", new { statut = "annulee" });

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Commande non trouvee");
    }

    private static TheoryData<string, string> Pairs(IEnumerable<(string From, string To)> pairs)
    {
        var data = new TheoryData<string, string>();
        foreach (var (from, to) in pairs)
        {
            data.Add(from, to);
        }

        return data;
    }

    /// <summary>
    /// Creates an order and puts it directly in <paramref name="statut"/>: validee and client_supprime are only ever set
    /// by the system (stock reservation, customer deletion), never through this API.
    /// </summary>
    private async Task<int> CreateInStatusAsync(string statut)
    {
        var created = await (await _http.PostAsJsonAsync("/orders/", OrderRequests.Valid(OrderRequests.NewClientId()))).ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();
        await using var scope = (await env.IsolatedCommandesAsync()).Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<CommandesDbContext>();
        await db.Commandes.Where(commande => commande.Id == id)
            .ExecuteUpdateAsync(update => update.SetProperty(commande => commande.Statut, statut));
        return id;
    }
}
