using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using PayeTonKawa.Clients.Customers;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Clients;

[Collection(TestCollection.Name)]
public sealed class LoginThrottleTests(TestEnvironment env)
{
    private const int MaxFailures = 5;
    private const string Refused = "Trop de tentatives de connexion pour cet e-mail : réessayez après le délai indiqué par l'en-tête Retry-After.";

    private readonly HttpClient _http = env.Clients.CreateClient();

    [Fact]
    public async Task After_five_wrong_passwords_the_email_is_refused_even_with_the_right_password()
    {
        var email = await CreateAsync();
        await FailAsync(_http, email, MaxFailures);

        var response = await LoginAsync(_http, email, "motdepasse");

        var problem = await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, Refused);
        Assert.Equal("Trop de requêtes", problem.GetProperty("title").GetString());
        var retryAfter = response.Headers.RetryAfter?.Delta;
        Assert.NotNull(retryAfter);
        Assert.InRange(retryAfter.Value, TimeSpan.FromMinutes(14), TimeSpan.FromMinutes(15));
    }

    [Fact]
    public async Task Another_customer_still_logs_in()
    {
        var blocked = await CreateAsync();
        var other = await CreateAsync();
        await FailAsync(_http, blocked, MaxFailures);
        await (await LoginAsync(_http, blocked, "motdepasse")).AssertProblemAsync(HttpStatusCode.TooManyRequests, Refused);

        var response = await LoginAsync(_http, other, "motdepasse");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task A_success_resets_the_count()
    {
        var email = await CreateAsync();
        await FailAsync(_http, email, MaxFailures - 1);
        Assert.Equal(HttpStatusCode.OK, (await LoginAsync(_http, email, "motdepasse")).StatusCode);

        await FailAsync(_http, email, MaxFailures - 1);
        var response = await LoginAsync(_http, email, "motdepasse");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_unknown_email_is_counted_and_refused_the_same_way()
    {
        var unknown = ClientRequests.UniqueEmail("Inconnu");
        await FailAsync(_http, unknown, MaxFailures);

        var response = await LoginAsync(_http, unknown, "motdepasse");

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, Refused);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task The_email_is_counted_whatever_its_case_and_surrounding_spaces()
    {
        var email = await CreateAsync();
        await FailAsync(_http, email.ToUpperInvariant(), 2);
        await FailAsync(_http, $"  {email} ", 2);
        await FailAsync(_http, email, 1);

        var response = await LoginAsync(_http, email.ToLowerInvariant(), "motdepasse");

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, Refused);
    }

    [Fact]
    public async Task Concurrent_guesses_cannot_slip_past_the_limit()
    {
        var email = await CreateAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(_ => LoginAsync(_http, email, "mauvais")));

        Assert.Equal(MaxFailures, responses.Count(response => response.StatusCode == HttpStatusCode.Unauthorized));
        Assert.Equal(12 - MaxFailures, responses.Count(response => response.StatusCode == HttpStatusCode.TooManyRequests));
    }

    [Fact]
    public async Task The_count_is_shared_by_every_instance_of_the_api()
    {
        await using var secondInstance = env.Clients.WithWebHostBuilder(_ => { });
        var email = await CreateAsync();
        await FailAsync(_http, email, MaxFailures);

        var response = await LoginAsync(secondInstance.CreateClientWithKey(TestKeys.Legacy), email, "motdepasse");

        await response.AssertProblemAsync(HttpStatusCode.TooManyRequests, Refused);
    }

    [Fact]
    public async Task Once_the_window_has_ended_the_email_may_log_in_again()
    {
        await using var api = env.Clients.WithWebHostBuilder(builder => builder
            .UseSetting("LoginProtection:MaxFailures", "2")
            .UseSetting("LoginProtection:Window", "00:00:02"));
        var http = api.CreateClientWithKey(TestKeys.Legacy);
        var email = await CreateAsync();
        await FailAsync(http, email, 2);
        var during = await LoginAsync(http, email, "motdepasse");

        await Task.Delay(TimeSpan.FromSeconds(2.5));
        var after = await LoginAsync(http, email, "motdepasse");

        await during.AssertProblemAsync(HttpStatusCode.TooManyRequests, Refused);
        Assert.InRange(during.Headers.RetryAfter!.Delta!.Value, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task An_invalid_protection_stops_the_start_up_with_a_french_message()
    {
        await using var api = env.Clients.WithWebHostBuilder(builder => builder.UseSetting("LoginProtection:MaxFailures", "0"));

        var exception = Assert.ThrowsAny<Exception>(() => api.CreateClient());

        Assert.Contains("LoginProtection est invalide : MaxFailures doit être un entier strictement positif", exception.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Counters_whose_window_has_ended_are_purged_on_their_own_schedule()
    {
        await using var api = env.Clients.WithWebHostBuilder(builder => builder
            .UseSetting("LoginProtection:Window", "00:00:01")
            .UseSetting("LoginProtection:PurgeInterval", "00:00:01"));
        var email = await CreateAsync();
        await FailAsync(api.CreateClientWithKey(TestKeys.Legacy), email, 1);

        Assert.Equal(1, await CountersAsync(email));
        Assert.Equal(0, await Eventually.ReadAsync(() => CountersAsync(email), count => count == 0, TimeSpan.FromSeconds(10)));
    }

    [Fact]
    public async Task A_purge_keeps_the_counters_whose_window_is_still_open()
    {
        var email = await CreateAsync();
        await FailAsync(_http, email, 2);

        await env.Clients.Services.GetRequiredService<LoginAttemptsPurge>().PurgeOnceAsync(CancellationToken.None);

        Assert.Equal(1, await CountersAsync(email));
        await FailAsync(_http, email, MaxFailures - 2);
        await (await LoginAsync(_http, email, "motdepasse")).AssertProblemAsync(HttpStatusCode.TooManyRequests, Refused);
    }

    /// <summary>The counter rows of <paramref name="email"/>, stored under the SHA-256 of the normalised address.</summary>
    private async Task<long> CountersAsync(string email)
    {
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(LoginThrottle.Normalize(email))));
        await using var connection = new NpgsqlConnection(env.Clients.Services.GetRequiredService<IConfiguration>().GetConnectionString("clientsdb"));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT count(*) FROM login_attempts WHERE email_hash = @hash", connection);
        command.Parameters.AddWithValue("hash", hash);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private async Task<string> CreateAsync()
    {
        var email = ClientRequests.UniqueEmail("Essais");
        Assert.Equal(HttpStatusCode.Created, (await _http.PostAsJsonAsync("/customers/", ClientRequests.Valid(email))).StatusCode);
        return email;
    }

    private static async Task FailAsync(HttpClient http, string email, int times)
    {
        for (var i = 0; i < times; i++)
        {
            await (await LoginAsync(http, email, "mauvais")).AssertProblemAsync(HttpStatusCode.Unauthorized, "Email ou mot de passe incorrect");
        }
    }

    private static Task<HttpResponseMessage> LoginAsync(HttpClient http, string email, string password) =>
        http.PostAsJsonAsync("/customers/login", new { email, mot_de_passe = password });
}
