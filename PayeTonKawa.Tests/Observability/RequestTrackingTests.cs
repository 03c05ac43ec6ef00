using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Observability;

/// <summary>
/// Support follows one call through the logs by its <c>X-Request-ID</c>: echoed in the response, on the summary line,
/// on every line its handler wrote, and on the event it published. Log lines are single-line JSON.
/// </summary>
[Collection(TestCollection.Name)]
public sealed class RequestTrackingTests(TestEnvironment env) : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private WebApplicationFactory<ClientsDbContext> _api = null!;

    public Task InitializeAsync()
    {
        // A database of its own: on the shared one, the shared Clients' relay could publish this test's event and
        // write the publication line in its own logs, not in this capture.
        _api = new ApiFactory<ClientsDbContext>(
            "clientsdb",
            env.Infrastructure.DatabaseConnectionString($"clientsdb_tracking_{Guid.NewGuid():N}"),
            env.Infrastructure.MessagingConnectionString,
            builder => builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(_logs)));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task A_request_id_follows_the_call_into_its_response_its_log_lines_and_its_event()
    {
        await using var tap = await EventTap.StartAsync(env.Infrastructure.MessagingConnectionString, "client.created");
        var requestId = $"support-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/customers/") { Content = JsonContent.Create(ClientRequests.Valid()) };
        request.Headers.Add("X-API-Key", TestKeys.Legacy);
        request.Headers.Add("X-Request-ID", requestId);

        using var response = await _api.CreateClient().SendAsync(request);

        var created = await response.ReadJsonAsync(HttpStatusCode.Created);
        var clientId = created.GetProperty("id").GetInt32();
        Assert.Equal(requestId, Assert.Single(response.Headers.GetValues("X-Request-ID")));
        var summary = await _logs.WaitForAsync(entry => IsSummary(entry) && RequestIdOf(entry) == requestId);
        var attributes = summary.GetProperty("attributes");
        Assert.Equal("POST", attributes.GetProperty("Method").GetString());
        Assert.Equal("/customers/", attributes.GetProperty("Path").GetString());
        Assert.Equal(201, attributes.GetProperty("StatusCode").GetInt32());
        Assert.True(attributes.GetProperty("DurationMs").GetDouble() > 0);
        Assert.Equal("legacy", attributes.GetProperty("ApiKey").GetString());
        Assert.False(string.IsNullOrEmpty(attributes.GetProperty("ClientAddress").GetString()));
        var handlerLine = Assert.Single(_logs.ForRequest(requestId), entry => entry.GetProperty("message").GetString() == $"Client {clientId} created");
        Assert.Equal(clientId, handlerLine.GetProperty("attributes").GetProperty("ClientId").GetInt32());
        Assert.Equal(summary.GetProperty("trace_id").GetString(), handlerLine.GetProperty("trace_id").GetString());
        // By e-mail, not by id: ids of this database also exist in the other tests' databases on the same broker.
        var email = created.GetProperty("email").GetString();
        var published = await tap.WaitForAsync("client.created", e => e.GetProperty("data").GetProperty("email").GetString() == email);
        Assert.Equal(requestId, published.Header("x-request-id"));
        var eventId = published.Body.GetProperty("event_id").GetGuid();
        var publication = await _logs.WaitForAsync(entry => RequestIdOf(entry) == requestId
            && entry.GetProperty("message").GetString() == $"Event client_created {eventId} published with routing key client.created");
        Assert.Equal("information", publication.GetProperty("level").GetString());
        Assert.Equal("client.created", publication.GetProperty("attributes").GetProperty("RoutingKey").GetString());
        AssertWrittenBy(publication, "PayeTonKawa.Messaging/OutboxRelay.cs", "LogPublications", "LogPublished(logger,");
        Assert.Equal(eventId, publication.GetProperty("attributes").GetProperty("EventId").GetGuid());
    }

    [Fact]
    public async Task Every_log_line_is_one_json_object_with_the_agreed_fields()
    {
        var requestId = $"fields-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Get, "/customers/") { Headers = { { "X-API-Key", TestKeys.Legacy }, { "X-Request-ID", requestId } } };

        (await _api.CreateClient().SendAsync(request)).EnsureSuccessStatusCode();

        var summary = await _logs.WaitForAsync(entry => IsSummary(entry) && RequestIdOf(entry) == requestId);
        Assert.All(_logs.Lines, line => Assert.DoesNotContain('\n', line));
        var timestamp = summary.GetProperty("timestamp").GetString()!;
        Assert.EndsWith("Z", timestamp, StringComparison.Ordinal);
        Assert.True(DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out var when));
        Assert.InRange(DateTimeOffset.UtcNow - when, TimeSpan.Zero, TimeSpan.FromMinutes(1));
        Assert.Equal("information", summary.GetProperty("level").GetString());
        Assert.Equal("PayeTonKawa.ServiceDefaults.Telemetry.RequestTrackingMiddleware", summary.GetProperty("category").GetString());
        Assert.StartsWith("GET /customers/ answered 200 in ", summary.GetProperty("message").GetString(), StringComparison.Ordinal);
        AssertWrittenBy(summary, "PayeTonKawa.ServiceDefaults/Telemetry/RequestTrackingMiddleware.cs", "InvokeAsync", "LogRequest(");
        Assert.Matches("^[0-9a-f]{32}$", summary.GetProperty("trace_id").GetString());
        Assert.Matches("^[0-9a-f]{16}$", summary.GetProperty("span_id").GetString());
        Assert.False(summary.TryGetProperty("exception", out _));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("contient des espaces")]
    [InlineData("trop-long-0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567890123456789")]
    [InlineData("{\"forged\":\"json\"}")]
    public async Task Without_a_sane_request_id_the_api_makes_one(string? sent)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/");
        if (sent is not null)
        {
            request.Headers.TryAddWithoutValidation("X-Request-ID", sent);
        }

        using var response = await _api.CreateClient().SendAsync(request);

        var requestId = Assert.Single(response.Headers.GetValues("X-Request-ID"));
        Assert.Matches("^[0-9a-f]{32}$", requestId);
        await _logs.WaitForAsync(entry => IsSummary(entry) && RequestIdOf(entry) == requestId);
    }

    [Fact]
    public async Task Two_requests_never_share_an_id()
    {
        var http = _api.CreateClient();

        using var first = await http.GetAsync("/");
        using var second = await http.GetAsync("/");

        Assert.NotEqual(first.Headers.GetValues("X-Request-ID").Single(), second.Headers.GetValues("X-Request-ID").Single());
    }

    [Fact]
    public async Task No_password_nor_api_key_ever_reaches_the_logs()
    {
        const string password = "Secret-Du-Client-42!";
        var http = _api.CreateClientWithKey(TestKeys.Legacy);
        var email = ClientRequests.UniqueEmail("secret");
        var body = ClientRequests.Valid(email);
        body["mot_de_passe"] = password;
        var created = await (await http.PostAsJsonAsync("/customers/", body))
            .ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        await http.PostAsJsonAsync("/customers/login", new { email, mot_de_passe = password });
        await http.PostAsJsonAsync("/customers/login", new { email, mot_de_passe = "Mauvais-Mot-De-Passe-1" });
        await http.PutAsJsonAsync($"/customers/{id}", new { mot_de_passe = "Nouveau-Secret-43!" });
        await _api.CreateClientWithKey("cle-inconnue-tres-secrete").GetAsync("/customers/");
        var lastId = $"last-{Guid.NewGuid():N}";
        using var last = new HttpRequestMessage(HttpMethod.Get, "/") { Headers = { { "X-Request-ID", lastId } } };
        await http.SendAsync(last);
        await _logs.WaitForAsync(entry => IsSummary(entry) && RequestIdOf(entry) == lastId);

        Assert.Contains(_logs.Lines, line => line.Contains($"Client {id} updated", StringComparison.Ordinal));
        Assert.All(_logs.Lines, line =>
        {
            Assert.DoesNotContain(password, line, StringComparison.Ordinal);
            Assert.DoesNotContain("Mauvais-Mot-De-Passe-1", line, StringComparison.Ordinal);
            Assert.DoesNotContain("Nouveau-Secret-43!", line, StringComparison.Ordinal);
            Assert.DoesNotContain(TestKeys.Legacy, line, StringComparison.Ordinal);
            Assert.DoesNotContain("cle-inconnue-tres-secrete", line, StringComparison.Ordinal);
            Assert.DoesNotContain(email, line, StringComparison.OrdinalIgnoreCase);
        });
    }

    // Ticket #011: the line names the method and the line of the call that wrote it, in the repository's own file.
    private static void AssertWrittenBy(JsonElement entry, string file, string function, string call)
    {
        Assert.Equal(file, entry.GetProperty("file").GetString());
        Assert.Equal(function, entry.GetProperty("function").GetString());
        var line = entry.GetProperty("line").GetInt32();
        var source = File.ReadAllLines(Path.Combine(RepositoryRoot.Path(), file));
        Assert.Contains(call, source[line - 1], StringComparison.Ordinal);
        Assert.DoesNotContain("partial", source[line - 1], StringComparison.Ordinal);
    }

    private static bool IsSummary(JsonElement entry) =>
        entry.GetProperty("category").GetString() == "PayeTonKawa.ServiceDefaults.Telemetry.RequestTrackingMiddleware";

    private static string? RequestIdOf(JsonElement entry) =>
        entry.TryGetProperty("request_id", out var id) ? id.GetString() : null;
}
