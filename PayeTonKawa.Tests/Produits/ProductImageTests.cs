using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Produits;

[Collection(TestCollection.Name)]
public sealed class ProductImageTests(TestEnvironment env)
{
    private static readonly byte[] Png = ImageBytes.Png;
    private static readonly byte[] Jpeg = ImageBytes.Jpeg;
    private static readonly byte[] Webp = ImageBytes.Webp;

    private readonly HttpClient _http = env.Produits.CreateClient();

    public static TheoryData<string, string> Formats => new()
    {
        { "png", "image/png" },
        { "jpg", "image/jpeg" },
        { "jpeg", "image/jpeg" },
        { "webp", "image/webp" },
        { "PNG", "image/png" },
    };

    [Theory]
    [MemberData(nameof(Formats))]
    public async Task An_uploaded_image_is_served_publicly_on_both_paths(string extension, string contentType)
    {
        var id = await CreateAsync();
        var bytes = BytesFor(extension);

        var response = await UploadAsync(id, bytes, $"photo.{extension}");

        var produit = await response.ReadJsonAsync(HttpStatusCode.OK);
        var url = $"/uploads/produit_{id}.{extension.ToLowerInvariant()}";
        Assert.Equal(url, produit.GetProperty("image_url").GetString());
        Assert.NotEqual(System.Text.Json.JsonValueKind.Null, produit.GetProperty("date_modification").ValueKind);
        var anonymous = env.Produits.CreateClient(apiKey: null);
        foreach (var path in new[] { url, $"/products{url}" })
        {
            var download = await anonymous.GetAsync(path);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal(contentType, download.Content.Headers.ContentType?.MediaType);
            Assert.Equal(bytes, await download.Content.ReadAsByteArrayAsync());
        }

        var stored = await (await _http.GetAsync($"/products/{id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(url, stored.GetProperty("image_url").GetString());
    }

    [Fact]
    public async Task A_new_upload_replaces_the_previous_image()
    {
        var id = await CreateAsync();
        await UploadAsync(id, Png, "a.png");

        var response = await UploadAsync(id, Jpeg, "b.jpg");

        Assert.Equal($"/uploads/produit_{id}.jpg", (await response.ReadJsonAsync(HttpStatusCode.OK)).GetProperty("image_url").GetString());
        var anonymous = env.Produits.CreateClient(apiKey: null);
        Assert.Equal(Jpeg, await (await anonymous.GetAsync($"/uploads/produit_{id}.jpg")).Content.ReadAsByteArrayAsync());
        await (await anonymous.GetAsync($"/uploads/produit_{id}.png")).AssertProblemAsync(HttpStatusCode.NotFound, "Image non trouvee");
    }

    [Fact]
    public async Task A_repeated_download_can_be_answered_from_the_cache()
    {
        var id = await CreateAsync();
        await UploadAsync(id, Png, "a.png");
        var anonymous = env.Produits.CreateClient(apiKey: null);
        var first = await anonymous.GetAsync($"/uploads/produit_{id}.png");

        var request = new HttpRequestMessage(HttpMethod.Get, $"/uploads/produit_{id}.png");
        request.Headers.IfNoneMatch.Add(first.Headers.ETag!);
        var second = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.NotModified, second.StatusCode);
        Assert.Equal("public, no-cache", first.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task Only_the_address_given_out_serves_the_image()
    {
        var id = await CreateAsync();
        await UploadAsync(id, Png, "a.png");
        var anonymous = env.Produits.CreateClient(apiKey: null);

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync($"/uploads/produit_{id}.png")).StatusCode);
        await (await anonymous.GetAsync($"/uploads/produit_0{id}.png")).AssertProblemAsync(HttpStatusCode.NotFound, "Image non trouvee");
        await (await anonymous.GetAsync($"/uploads/produit_{id}.jpg")).AssertProblemAsync(HttpStatusCode.NotFound, "Image non trouvee");
    }

    [Theory]
    [InlineData("photo.gif")]
    [InlineData("photo.exe")]
    [InlineData("photo")]
    public async Task Other_extensions_are_refused_with_the_legacy_message(string fileName)
    {
        var id = await CreateAsync();

        var response = await UploadAsync(id, Png, fileName);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Format invalide. Formats acceptes : jpg, jpeg, png, webp");
    }

    [Theory]
    [InlineData("faux.png")]
    [InlineData("faux.jpg")]
    [InlineData("faux.webp")]
    public async Task Content_that_is_not_really_that_image_is_refused(string fileName)
    {
        var id = await CreateAsync();

        var response = await UploadAsync(id, Encoding.UTF8.GetBytes("<?php echo 'pas une image'; ?>"), fileName);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest, "Format invalide. Formats acceptes : jpg, jpeg, png, webp");
        var produit = await (await _http.GetAsync($"/products/{id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, produit.GetProperty("image_url").ValueKind);
    }

    [Fact]
    public async Task A_png_sent_as_jpg_is_refused()
    {
        var id = await CreateAsync();

        await (await UploadAsync(id, Png, "photo.jpg")).AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task An_image_over_the_size_limit_is_413()
    {
        var id = await CreateAsync();
        var huge = new byte[(5 * 1024 * 1024) + 1];
        Png.CopyTo(huge, 0);

        var response = await UploadAsync(id, huge, "huge.png");

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        Assert.Contains("5 Mo", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_file_is_422()
    {
        var id = await CreateAsync();

        await (await UploadAsync(id, [], "vide.png")).AssertValidationErrorAsync("file");
    }

    [Fact]
    public async Task Uploading_for_an_unknown_product_is_404()
    {
        await (await UploadAsync(987654321, Png, "a.png")).AssertProblemAsync(HttpStatusCode.NotFound, "Produit non trouve");
    }

    [Fact]
    public async Task A_form_without_the_file_field_is_422_and_a_json_body_415()
    {
        var id = await CreateAsync();
        using var form = new MultipartFormDataContent { { new StringContent("x"), "autre" } };

        var missing = await _http.PostAsync($"/products/{id}/image", form);
        var json = await _http.PostAsJsonAsync($"/products/{id}/image", new { file = "x" });

        await missing.AssertValidationErrorAsync("file");
        await json.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Theory]
    [InlineData("/uploads/produit_987654321.png")]
    [InlineData("/uploads/produit_abc.png")]
    [InlineData("/uploads/autre.png")]
    [InlineData("/products/uploads/produit_1.gif")]
    [InlineData("/uploads/produit_99999999999.png")]
    public async Task Unknown_images_are_404_in_french(string path)
    {
        var response = await env.Produits.CreateClient(apiKey: null).GetAsync(path);

        await response.AssertProblemAsync(HttpStatusCode.NotFound, "Image non trouvee");
    }

    [Fact]
    public async Task Deleting_the_product_deletes_its_image()
    {
        var id = await CreateAsync();
        await UploadAsync(id, Png, "a.png");

        await _http.DeleteAsync($"/products/{id}");

        await (await env.Produits.CreateClient(apiKey: null).GetAsync($"/uploads/produit_{id}.png"))
            .AssertProblemAsync(HttpStatusCode.NotFound, "Image non trouvee");
    }

    private static byte[] BytesFor(string extension) => extension.ToLowerInvariant() switch
    {
        "png" => Png,
        "webp" => Webp,
        _ => Jpeg,
    };

    private async Task<HttpResponseMessage> UploadAsync(int id, byte[] bytes, string fileName)
    {
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        form.Add(file, "file", fileName);
        return await _http.PostAsync($"/products/{id}/image", form);
    }

    private async Task<int> CreateAsync()
    {
        var produit = await (await _http.PostAsJsonAsync("/products/", ProductRequests.Valid())).ReadJsonAsync(HttpStatusCode.Created);
        return produit.GetProperty("id").GetInt32();
    }
}
