using System.Net;
using System.Net.Http.Json;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Clients;

[Collection(TestCollection.Name)]
public sealed class CustomerEventsTests(TestEnvironment env)
{
    private readonly HttpClient _http = env.Clients.CreateClient();

    [Fact]
    public async Task Create_update_and_delete_publish_the_legacy_events()
    {
        await using var tap = await EventTap.StartAsync(env.Infrastructure.MessagingConnectionString, "client.*");
        var body = ClientRequests.Valid();
        var created = await (await _http.PostAsJsonAsync("/customers/", body)).ReadJsonAsync(HttpStatusCode.Created);
        var id = created.GetProperty("id").GetInt32();

        await (await _http.PutAsJsonAsync($"/customers/{id}", new { adresse = "Lille" })).ReadJsonAsync(HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NoContent, (await _http.DeleteAsync($"/customers/{id}")).StatusCode);

        var createdEvent = await tap.WaitForAsync("client.created", e => e.GetProperty("client_id").GetInt32() == id);
        Assert.Equal("client_created", createdEvent.Body.GetProperty("event").GetString());
        Assert.Equal(body["nom"], createdEvent.Body.GetProperty("data").GetProperty("nom").GetString());
        Assert.Equal(body["email"], createdEvent.Body.GetProperty("data").GetProperty("email").GetString());
        Assert.Equal(body["adresse"], createdEvent.Body.GetProperty("data").GetProperty("adresse").GetString());
        Assert.Equal(body["telephone"], createdEvent.Body.GetProperty("data").GetProperty("telephone").GetString());
        Assert.Equal("application/json", createdEvent.Properties.ContentType);
        Assert.True(createdEvent.Properties.Persistent);

        var updatedEvent = await tap.WaitForAsync("client.updated", e => e.GetProperty("client_id").GetInt32() == id);
        Assert.Equal("client_updated", updatedEvent.Body.GetProperty("event").GetString());
        Assert.Equal("Lille", updatedEvent.Body.GetProperty("data").GetProperty("adresse").GetString());

        var deletedEvent = await tap.WaitForAsync("client.deleted", e => e.GetProperty("client_id").GetInt32() == id);
        Assert.Equal("client_deleted", deletedEvent.Body.GetProperty("event").GetString());

        foreach (var message in new[] { createdEvent, updatedEvent, deletedEvent })
        {
            Assert.True(Guid.TryParse(message.Body.GetProperty("event_id").GetString(), out _));
            Assert.Equal(1, message.Body.GetProperty("version").GetInt32());
            Assert.True(DateTimeOffset.UtcNow - message.Body.GetProperty("timestamp").GetDateTimeOffset() < TimeSpan.FromMinutes(1));
            Assert.Equal(message.Body.GetProperty("event_id").GetString(), message.Properties.MessageId);
        }

        Assert.Equal(3, new[] { createdEvent, updatedEvent, deletedEvent }.Select(m => m.Body.GetProperty("event_id").GetString()).Distinct().Count());
    }

    [Fact]
    public async Task Refused_writes_publish_nothing()
    {
        await using var tap = await EventTap.StartAsync(env.Infrastructure.MessagingConnectionString, "client.*");
        var email = ClientRequests.UniqueEmail("refus");
        await _http.PostAsJsonAsync("/customers/", ClientRequests.Valid(email));

        await _http.PostAsJsonAsync("/customers/", ClientRequests.Valid(email));
        await _http.PostAsJsonAsync("/customers/", new { nom = "X" });

        var events = await tap.AllAsync("client.created", e => e.GetProperty("data").GetProperty("email").GetString() == email, TimeSpan.FromSeconds(2));
        Assert.Single(events);
    }

    [Fact]
    public async Task Events_carry_the_trace_of_the_request_that_caused_them()
    {
        await using var tap = await EventTap.StartAsync(env.Infrastructure.MessagingConnectionString, "client.created");
        var body = ClientRequests.Valid();

        await _http.PostAsJsonAsync("/customers/", body);

        var message = await tap.WaitForAsync("client.created", e => e.GetProperty("data").GetProperty("email").GetString() == (string)body["email"]!);
        Assert.Matches("^00-[0-9a-f]{32}-[0-9a-f]{16}-0[01]$", message.Header("traceparent"));
    }
}
