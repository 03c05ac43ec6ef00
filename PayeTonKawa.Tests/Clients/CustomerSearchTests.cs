using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Clients.Customers;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Clients;

[Collection(TestCollection.Name)]
public sealed class CustomerSearchTests(TestEnvironment env)
{
    private readonly HttpClient _http = env.Clients.CreateClient();

    [Fact]
    public async Task List_is_a_bare_array_ordered_by_id_with_the_total_count()
    {
        var token = await CreateManyAsync(5);

        var response = await _http.GetAsync($"/customers/?q={token}");

        var clients = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(JsonValueKind.Array, clients.ValueKind);
        var ids = clients.EnumerateArray().Select(client => client.GetProperty("id").GetInt32()).ToList();
        Assert.Equal(5, ids.Count);
        Assert.Equal(ids.Order(), ids);
        Assert.Equal("5", TotalCount(response));
    }

    [Fact]
    public async Task Skip_and_limit_page_through_the_matches()
    {
        var token = await CreateManyAsync(5);
        var all = await IdsAsync($"/customers/?q={token}");

        var response = await _http.GetAsync($"/customers/?q={token}&skip=2&limit=2");

        var page = await response.ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(all.Skip(2).Take(2), page.EnumerateArray().Select(client => client.GetProperty("id").GetInt32()));
        Assert.Equal("5", TotalCount(response));
    }

    [Fact]
    public async Task Both_spellings_of_the_collection_answer_the_same()
    {
        var token = await CreateManyAsync(2);

        var withSlash = await IdsAsync($"/customers/?q={token}");
        var withoutSlash = await IdsAsync($"/customers?q={token}");

        Assert.Equal(withSlash, withoutSlash);
        Assert.Equal(2, withSlash.Count);
    }

    [Fact]
    public async Task Defaults_return_100_and_the_limit_is_capped_at_500()
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        await using (var scope = env.Clients.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
            db.Clients.AddRange(Enumerable.Range(0, 510).Select(i => new Client
            {
                Nom = $"Nom{token}",
                Prenom = "Masse",
                Email = $"{token}.{i}@example.com",
                MotDePasseHash = "not-a-real-hash",
                CreatedAt = DateTimeOffset.UtcNow,
            }));
            await db.SaveChangesAsync();
        }

        var byDefault = await _http.GetAsync($"/customers/?q={token}");
        var capped = await _http.GetAsync($"/customers/?q={token}&limit=100000");

        Assert.Equal(100, (await byDefault.ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal(500, (await capped.ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength());
        Assert.Equal("510", TotalCount(capped));
    }

    [Theory]
    [InlineData("skip=-1", "skip")]
    [InlineData("limit=0", "limit")]
    [InlineData("skip=abc", "skip")]
    [InlineData("limit=1.5", "limit")]
    [InlineData("limit=99999999999999", "limit")]
    public async Task Invalid_paging_is_a_422_on_the_parameter(string query, string field)
    {
        await (await _http.GetAsync($"/customers/?{query}")).AssertValidationErrorAsync(field);
    }

    [Fact]
    public async Task Text_search_matches_name_first_name_and_email_without_case()
    {
        var token = Guid.NewGuid().ToString("N")[..10];
        await CreateAsync(nom: $"Nom{token}");
        await CreateAsync(email: $"{token}@example.com");
        await CreateAsync(prenom: $"PRENOM{token.ToUpperInvariant()}");
        await CreateAsync();

        var found = await IdsAsync($"/customers/?q={token.ToUpperInvariant()}");

        Assert.Equal(3, found.Count);
    }

    [Fact]
    public async Task Text_search_treats_wildcards_literally()
    {
        await CreateManyAsync(2);

        var response = await _http.GetAsync("/customers/?q=%25");

        Assert.Equal("0", TotalCount(response));
    }

    [Fact]
    public async Task Email_filter_is_exact_and_case_insensitive()
    {
        var email = ClientRequests.UniqueEmail("filtre");
        var id = await CreateAsync(email: email);

        var found = await IdsAsync($"/customers/?email={Uri.EscapeDataString(email.ToUpperInvariant())}");
        var partial = await IdsAsync($"/customers/?email={Uri.EscapeDataString(email[..10])}");

        Assert.Equal([id], found);
        Assert.Empty(partial);
    }

    private async Task<string> CreateManyAsync(int count)
    {
        var token = Guid.NewGuid().ToString("N")[..12];
        for (var i = 0; i < count; i++)
        {
            await CreateAsync(nom: $"Nom{token}");
        }

        return token;
    }

    private async Task<int> CreateAsync(string? nom = null, string? prenom = null, string? email = null)
    {
        var body = ClientRequests.Valid(email, nom ?? "Dupont");
        if (prenom is not null)
        {
            body["prenom"] = prenom;
        }

        var client = await (await _http.PostAsJsonAsync("/customers/", body)).ReadJsonAsync(HttpStatusCode.Created);
        return client.GetProperty("id").GetInt32();
    }

    private async Task<List<int>> IdsAsync(string url)
    {
        var clients = await (await _http.GetAsync(url)).ReadJsonAsync(HttpStatusCode.OK);
        return [.. clients.EnumerateArray().Select(client => client.GetProperty("id").GetInt32())];
    }

    private static string TotalCount(HttpResponseMessage response) =>
        response.Headers.GetValues("X-Total-Count").Single().ToString(CultureInfo.InvariantCulture);
}
