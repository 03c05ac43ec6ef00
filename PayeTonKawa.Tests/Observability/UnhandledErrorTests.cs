using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PayeTonKawa.Clients.Customers;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Observability;

/// <summary>A bug (here, a password hasher that throws) answers a bare 500 carrying the request id, and logs its stack once.</summary>
[Collection(TestCollection.Name)]
public sealed class UnhandledErrorTests(TestEnvironment env) : IAsyncLifetime
{
    private readonly LogCapture _logs = new();
    private WebApplicationFactory<ClientsDbContext> _api = null!;

    public Task InitializeAsync()
    {
        _api = env.Clients.WithWebHostBuilder(builder => builder
            .ConfigureServices(services => services.AddSingleton<ILoggerProvider>(_logs))
            .ConfigureTestServices(services => services.AddSingleton<IPasswordHasher<Client>, ThrowingHasher>()));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _api.DisposeAsync();

    [Fact]
    public async Task An_unhandled_exception_becomes_a_500_with_the_request_id_and_one_error_line_with_the_stack()
    {
        var email = ClientRequests.UniqueEmail("bug");
        var requestId = $"bug-{Guid.NewGuid():N}";
        using var request = new HttpRequestMessage(HttpMethod.Post, "/customers/") { Content = JsonContent.Create(ClientRequests.Valid(email)) };
        request.Headers.Add("X-API-Key", TestKeys.Legacy);
        request.Headers.Add("X-Request-ID", requestId);

        using var response = await _api.CreateClient().SendAsync(request);

        var problem = await response.AssertProblemAsync(HttpStatusCode.InternalServerError);
        Assert.Equal(requestId, problem.GetProperty("request_id").GetString());
        Assert.Equal(requestId, Assert.Single(response.Headers.GetValues("X-Request-ID")));
        var body = problem.GetRawText();
        Assert.DoesNotContain("7f3a", body, StringComparison.Ordinal);
        Assert.DoesNotContain("InvalidOperationException", body, StringComparison.Ordinal);
        Assert.DoesNotContain("ThrowingHasher", body, StringComparison.Ordinal);
        Assert.DoesNotContain(" at ", body, StringComparison.Ordinal);
        Assert.False(string.IsNullOrWhiteSpace(problem.GetProperty("detail").GetString()));

        await _logs.WaitForAsync(entry => entry.GetProperty("message").GetString()!.StartsWith("POST /customers/ answered 500", StringComparison.Ordinal)
            && entry.GetProperty("request_id").GetString() == requestId);
        var error = Assert.Single(_logs.ForRequest(requestId), entry => entry.GetProperty("level").GetString() is "error" or "critical");
        var exception = error.GetProperty("exception").GetString()!;
        Assert.Contains(ThrowingHasher.Internals, exception, StringComparison.Ordinal);
        Assert.Contains("   at ", exception, StringComparison.Ordinal);
        Assert.Contains(nameof(ThrowingHasher), exception, StringComparison.Ordinal);

        using var scraper = _api.CreateClient();
        scraper.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", TestKeys.Metrics);
        var metrics = PrometheusText.Parse(await scraper.GetStringAsync("/metrics"));
        Assert.True(metrics.Sum("aspnetcore_diagnostics_exceptions_total", ("error_type", "System.InvalidOperationException")) >= 1);

        await using var scope = env.Clients.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ClientsDbContext>();
        Assert.False(await db.Clients.AnyAsync(client => client.Email == email));
    }
}
