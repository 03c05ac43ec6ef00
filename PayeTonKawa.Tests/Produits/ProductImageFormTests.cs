using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Produits;

/// <summary>Upload requests that are not a well-formed, reasonably sized form: always a French problem, never a 500.</summary>
[Collection(TestCollection.Name)]
public sealed class ProductImageFormTests(TestEnvironment env)
{
    private const string TooLarge = "L'image dépasse la taille maximale autorisée (5 Mo).";

    private readonly HttpClient _http = env.Produits.CreateClient();

    [Fact]
    public async Task A_body_announced_over_the_limit_is_413_before_it_is_read()
    {
        var id = await CreateAsync();
        var form = Form(new byte[6 * 1024 * 1024], "big.png");

        var response = await _http.PostAsync($"/products/{id}/image", form);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, TooLarge);
    }

    [Fact]
    public async Task A_body_of_unannounced_length_over_the_limit_is_413()
    {
        var id = await CreateAsync();
        var image = new StreamContent(new MemoryStream(new byte[6 * 1024 * 1024]));
        using var form = new MultipartFormDataContent { { image, "file", "big.png" } };
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/products/{id}/image") { Content = form };
        request.Headers.TransferEncodingChunked = true;

        var response = await _http.SendAsync(request);

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, TooLarge);
    }

    [Fact]
    public async Task An_image_exactly_at_the_limit_is_accepted()
    {
        var id = await CreateAsync();
        var bytes = new byte[5 * 1024 * 1024];
        ImageBytes.Png.CopyTo(bytes, 0);

        var response = await _http.PostAsync($"/products/{id}/image", Form(bytes, "max.png"));

        await response.ReadJsonAsync(HttpStatusCode.OK);
    }

    [Fact]
    public async Task The_limit_is_configurable()
    {
        await using var api = env.Produits.WithWebHostBuilder(builder => builder.UseSetting("Images:MaxBytes", "1572864"));
        var http = api.CreateClient();
        http.WithApiKey(TestKeys.Legacy);
        var id = await CreateAsync();
        var bytes = new byte[2 * 1024 * 1024];
        ImageBytes.Png.CopyTo(bytes, 0);

        var response = await http.PostAsync($"/products/{id}/image", Form(bytes, "big.png"));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, "L'image dépasse la taille maximale autorisée (1,5 Mo).");
    }

    [Fact]
    public async Task A_request_without_content_type_is_422_on_file()
    {
        var id = await CreateAsync();

        var response = await _http.PostAsync($"/products/{id}/image", content: null);

        var problem = await response.AssertValidationErrorAsync("file");
        Assert.Equal("Envoyez l'image dans un formulaire multipart/form-data, champ « file ».", problem.GetProperty("errors").GetProperty("file")[0].GetString());
    }

    [Theory]
    [InlineData("multipart/form-data; boundary=abc", "--abc\r\nContent-Disposition: form-data; name=\"file\"; filename=\"a.png\"\r\n\r\ncoupé")]
    [InlineData("multipart/form-data", "pas de délimiteur")]
    public async Task An_unreadable_form_is_422_on_file(string contentType, string body)
    {
        var id = await CreateAsync();
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        var response = await _http.PostAsync($"/products/{id}/image", content);

        var problem = await response.AssertValidationErrorAsync("file");
        Assert.Equal("Le formulaire multipart est illisible.", problem.GetProperty("errors").GetProperty("file")[0].GetString());
    }

    [Fact]
    public async Task A_url_encoded_form_is_415()
    {
        var id = await CreateAsync();

        var response = await _http.PostAsync($"/products/{id}/image", new FormUrlEncodedContent([new("file", "x")]));

        await response.AssertProblemAsync(HttpStatusCode.UnsupportedMediaType, "Type de contenu non pris en charge.");
    }

    [Fact]
    public async Task The_web_shop_key_cannot_upload()
    {
        var id = await CreateAsync();

        var response = await env.Produits.CreateClient(TestKeys.Shop).PostAsync($"/products/{id}/image", Form(ImageBytes.Png, "a.png"));

        await response.AssertProblemAsync(HttpStatusCode.Forbidden);
        var produit = await (await _http.GetAsync($"/products/{id}")).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(System.Text.Json.JsonValueKind.Null, produit.GetProperty("image_url").ValueKind);
    }

    private static MultipartFormDataContent Form(byte[] bytes, string fileName)
    {
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("application/octet-stream");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }

    private async Task<int> CreateAsync()
    {
        var produit = await (await _http.PostAsJsonAsync("/products/", ProductRequests.Valid())).ReadJsonAsync(HttpStatusCode.Created);
        return produit.GetProperty("id").GetInt32();
    }
}
