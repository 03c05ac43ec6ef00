using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Produits.Data;
using PayeTonKawa.Produits.Products;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Produits;

/// <summary>A change made by another request between read and save is never overwritten, and never a 500.</summary>
[Collection(TestCollection.Name)]
public sealed class ProductConcurrencyTests(TestEnvironment env) : IAsyncLifetime
{
    private const string Conflict = "Le produit a été modifié par une autre requête entre-temps ; relisez-le puis réessayez.";

    private const string ChangeStock = "UPDATE produits SET stock = stock + 1 WHERE id = @id";
    private const string Delete = "DELETE FROM produits WHERE id = @id";
    private const string InsertImage =
        "INSERT INTO produit_images (produit_id, contenu, content_type, extension, date_modification) VALUES (@id, '\\x00', 'image/png', 'png', now())";

    private readonly ConcurrentWriter<Produit> _writer = new();
    private Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactory<ProduitsDbContext> _api = null!;
    private HttpClient _http = null!;

    public Task InitializeAsync()
    {
        _api = env.Produits.WithWebHostBuilder(builder => builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<ProduitsDbContext>(options => options.AddInterceptors(_writer))));
        _http = _api.CreateClient();
        _http.WithApiKey(TestKeys.Legacy);
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task An_update_racing_another_change_is_409_and_keeps_the_other_change()
    {
        var id = await CreateAsync();
        Arm(id, ChangeStock);

        var response = await _http.PutAsJsonAsync($"/products/{id}", new { prix = 99 });

        await response.AssertProblemAsync(HttpStatusCode.Conflict, Conflict);
        var produit = await (await _http.GetAsync($"/products/{id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(12.5m, produit.GetProperty("prix").GetDecimal());
        Assert.Equal(51, produit.GetProperty("stock").GetInt32());
    }

    [Fact]
    public async Task An_update_of_a_product_deleted_meanwhile_is_404()
    {
        var id = await CreateAsync();
        Arm(id, Delete);

        var response = await _http.PutAsJsonAsync($"/products/{id}", new { prix = 99 });

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Produit non trouve");
    }

    [Fact]
    public async Task A_delete_racing_another_change_is_409_and_the_product_stays()
    {
        var id = await CreateAsync();
        Arm(id, ChangeStock);

        var response = await _http.DeleteAsync($"/products/{id}");

        await response.AssertProblemAsync(HttpStatusCode.Conflict, Conflict);
        Assert.Equal(HttpStatusCode.OK, (await _http.GetAsync($"/products/{id}")).StatusCode);
    }

    [Fact]
    public async Task A_delete_racing_another_delete_is_404()
    {
        var id = await CreateAsync();
        Arm(id, Delete);

        await (await _http.DeleteAsync($"/products/{id}")).AssertProblemAsync(HttpStatusCode.NotFound, "Produit non trouve");
    }

    [Fact]
    public async Task A_first_upload_racing_another_first_upload_is_409()
    {
        var id = await CreateAsync();
        Arm(id, InsertImage);

        var response = await UploadAsync(id);

        await response.AssertProblemAsync(HttpStatusCode.Conflict, Conflict);
    }

    [Fact]
    public async Task An_upload_for_a_product_deleted_meanwhile_is_404()
    {
        var id = await CreateAsync();
        Arm(id, Delete);

        await (await UploadAsync(id)).AssertProblemAsync(HttpStatusCode.NotFound, "Produit non trouve");
    }

    [Fact]
    public async Task Without_a_concurrent_writer_the_same_requests_succeed()
    {
        var id = await CreateAsync();

        Assert.Equal(HttpStatusCode.OK, (await _http.PutAsJsonAsync($"/products/{id}", new { prix = 99 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await UploadAsync(id)).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/products/{id}")).StatusCode);
    }

    private void Arm(int id, string sql)
    {
        _writer.EntityId = id;
        _writer.Sql = sql;
    }

    private async Task<HttpResponseMessage> UploadAsync(int id)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(ImageBytes.Png);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        form.Add(file, "file", "photo.png");
        return await _http.PostAsync($"/products/{id}/image", form);
    }

    private async Task<int> CreateAsync()
    {
        var produit = await (await _http.PostAsJsonAsync("/products/", ProductRequests.Valid())).ReadJsonAsync(HttpStatusCode.Created);
        return produit.GetProperty("id").GetInt32();
    }
}
