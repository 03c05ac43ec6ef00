using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Defaults;

/// <summary>
/// A service started on a database that does not exist yet creates and migrates it without a single error line: the
/// dashboard showed a red error badge on each API at its first start for a query EF Core made before its history
/// table existed.
/// </summary>
[Collection(TestCollection.Name)]
public sealed class FirstStartTests(TestEnvironment env)
{
    [Fact]
    public async Task A_first_start_on_a_new_database_logs_no_error()
    {
        var logs = new LogCapture();
        await using var api = env.Clients.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("ConnectionStrings:clientsdb", env.Infrastructure.DatabaseConnectionString($"first_start_{Guid.NewGuid():N}"));
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(logs));
        });

        using var health = await api.CreateClient().GetAsync("/health");

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Contains(logs.Entries, entry => entry.GetProperty("message").GetString() == "Database schema of ClientsDbContext is up to date");
        Assert.DoesNotContain(logs.Entries, entry => entry.GetProperty("level").GetString() is "error" or "critical");
    }
}
