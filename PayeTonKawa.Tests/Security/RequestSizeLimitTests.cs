using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Security;

[Collection(TestCollection.Name)]
public sealed class RequestSizeLimitTests(TestEnvironment env)
{
    private const string TooLarge = "Le corps de la requête est trop volumineux.";

    private readonly HttpClient _http = env.Clients.CreateClient();

    [Fact]
    public async Task A_json_body_announced_over_1_mb_is_a_french_413_and_creates_nothing()
    {
        var email = ClientRequests.UniqueEmail("Gros");

        var response = await _http.PostAsync("/customers/", Padded(email, (1024 * 1024) + 1));

        var problem = await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, TooLarge);
        Assert.Equal("Requête trop volumineuse", problem.GetProperty("title").GetString());
        Assert.Equal(0, await CountAsync(email));
    }

    [Fact]
    public async Task A_json_body_of_unannounced_length_over_1_mb_is_a_french_413_and_creates_nothing()
    {
        var email = ClientRequests.UniqueEmail("Flux");

        var response = await _http.PostAsync("/customers/", new UnknownLength(Padded(email, (1024 * 1024) + 1)));

        await response.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, TooLarge);
        Assert.Equal(0, await CountAsync(email));
    }

    [Fact]
    public async Task A_json_body_just_under_the_limit_is_accepted()
    {
        var email = ClientRequests.UniqueEmail("Juste");

        var response = await _http.PostAsync("/customers/", new UnknownLength(Padded(email, (1024 * 1024) - 1024)));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal(1, await CountAsync(email));
    }

    [Fact]
    public async Task A_server_with_its_own_body_limit_like_kestrel_is_given_the_limit()
    {
        var serverLimit = new ServerBodyLimit();

        var context = await env.Clients.Server.SendAsync(request =>
        {
            request.Features.Set<IHttpMaxRequestBodySizeFeature>(serverLimit);
            request.Request.Method = HttpMethods.Post;
            request.Request.Path = "/customers/login";
        });

        Assert.Equal(1024 * 1024, serverLimit.MaxRequestBodySize);
        Assert.Equal(StatusCodes.Status401Unauthorized, context.Response.StatusCode);
    }

    [Fact]
    public async Task The_image_route_keeps_its_own_5_mb_limit_on_a_server_like_kestrel()
    {
        var produit = await (await env.Produits.CreateClient().PostAsJsonAsync("/products/", ProductRequests.Valid())).ReadJsonAsync(HttpStatusCode.Created);
        var form = new MultipartFormDataContent { { new ByteArrayContent(ImageBytes.Png), "file", "a.png" } };
        var body = await form.ReadAsByteArrayAsync();
        var serverLimit = new ServerBodyLimit();

        var context = await env.Produits.Server.SendAsync(request =>
        {
            request.Features.Set<IHttpMaxRequestBodySizeFeature>(serverLimit);
            request.Request.Method = HttpMethods.Post;
            request.Request.Path = $"/products/{produit.GetProperty("id").GetInt32()}/image";
            request.Request.Headers["X-API-Key"] = TestKeys.Legacy;
            request.Request.ContentType = form.Headers.ContentType!.ToString();
            request.Request.ContentLength = body.Length;
            request.Request.Body = new MemoryStream(body);
        });

        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal((5 * 1024 * 1024) + (64 * 1024), serverLimit.MaxRequestBodySize);
    }

    [Fact]
    public async Task The_limit_comes_from_configuration()
    {
        await using var factory = env.Clients.WithWebHostBuilder(builder => builder.UseSetting("RequestLimits:MaxBodyBytes", "2048"));
        var http = factory.CreateClientWithKey(TestKeys.Legacy);
        var email = ClientRequests.UniqueEmail("Petit");

        var refused = await http.PostAsync("/customers/", Padded(email, 4096));
        var small = await http.PostAsJsonAsync("/customers/", ClientRequests.Valid());

        await refused.AssertProblemAsync(HttpStatusCode.RequestEntityTooLarge, TooLarge);
        Assert.Equal(HttpStatusCode.Created, small.StatusCode);
    }

    [Fact]
    public async Task An_invalid_limit_stops_the_start_up_with_a_french_message()
    {
        await using var factory = env.Clients.WithWebHostBuilder(builder => builder.UseSetting("RequestLimits:MaxBodyBytes", "0"));

        var exception = Assert.ThrowsAny<Exception>(() => factory.CreateClient());

        Assert.Contains("RequestLimits:MaxBodyBytes doit être un nombre d'octets strictement positif.", exception.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A valid customer, padded with JSON whitespace to <paramref name="size"/> bytes: only its size can refuse it.</summary>
    private static StringContent Padded(string email, int size)
    {
        var json = JsonSerializer.Serialize(ClientRequests.Valid(email));
        return new StringContent(json + new string(' ', size - Encoding.UTF8.GetByteCount(json)), Encoding.UTF8, "application/json");
    }

    private async Task<int> CountAsync(string email)
    {
        var response = await _http.GetAsync($"/customers/?email={Uri.EscapeDataString(email)}");
        return (await response.ReadJsonAsync(HttpStatusCode.OK)).GetArrayLength();
    }

    private sealed class ServerBodyLimit : IHttpMaxRequestBodySizeFeature
    {
        public bool IsReadOnly => false;

        public long? MaxRequestBodySize { get; set; } = 30_000_000;
    }

    /// <summary>Sent chunked: the server cannot tell the size before reading.</summary>
    private sealed class UnknownLength : HttpContent
    {
        private readonly HttpContent _inner;

        public UnknownLength(HttpContent inner)
        {
            _inner = inner;
            Headers.ContentType = inner.Headers.ContentType;
        }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => _inner.CopyToAsync(stream);

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
