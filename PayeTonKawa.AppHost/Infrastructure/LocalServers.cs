using System.Globalization;
using System.Security.Cryptography;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using RabbitMQ.Client;

namespace PayeTonKawa.AppHost.Infrastructure;

/// <summary>
/// Local mode: the AppHost runs the machine's PostgreSQL and RabbitMQ as executable resources (logs in the dashboard,
/// stopped with the app), each with its own data directory and ports so that it never disturbs a system instance.
/// Passwords are generated once per data directory and kept there (never in the repository).
/// </summary>
public static class LocalServers
{
    public static InfrastructureResources AddLocalServers(this IDistributedApplicationBuilder builder)
    {
        var settings = LocalSettings.From(builder);
        EnsureInstalled();
        Directory.CreateDirectory(settings.DataDirectory);

        var postgresPassword = builder.AddParameter("local-postgres-password",
            () => LocalSecret.GetOrCreate(settings.DataDirectory, "postgres.password"), secret: true);
        var rabbitPassword = builder.AddParameter("local-rabbitmq-password",
            () => LocalSecret.GetOrCreate(settings.DataDirectory, "rabbitmq.password"), secret: true);

        var postgres = builder.AddExecutable("postgres", "bash", settings.ScriptsDirectory,
                "postgres.sh", Path.Combine(settings.DataDirectory, "postgres"), Text(settings.PostgresPort))
            .WithEnvironment("PGPASSWORD_INIT", postgresPassword)
            .WithHealthCheck("postgres-ready");
        var rabbitmq = builder.AddExecutable("rabbitmq", "bash", settings.ScriptsDirectory,
                "rabbitmq.sh", Path.Combine(settings.DataDirectory, "rabbitmq"), Text(settings.RabbitMqPort),
                Text(settings.RabbitMqManagementPort), Text(settings.RabbitMqDistributionPort))
            .WithEnvironment("RABBITMQ_USER_INIT", LocalSettings.RabbitMqUser)
            .WithEnvironment("RABBITMQ_PASSWORD_INIT", rabbitPassword)
            .WithHealthCheck("rabbitmq-ready")
            .WithUrl($"http://127.0.0.1:{Text(settings.RabbitMqManagementPort)}", "Gestion RabbitMQ");

        builder.Services.AddHealthChecks()
            .AddCheck("postgres-ready", new PostgresReady(settings.PostgresConnectionString(LocalSecret.GetOrCreate(settings.DataDirectory, "postgres.password"), "postgres")))
            .AddCheck("rabbitmq-ready", new RabbitMqReady(settings.RabbitMqUri(LocalSecret.GetOrCreate(settings.DataDirectory, "rabbitmq.password"))));

        IResourceBuilder<IResourceWithConnectionString> Database(string name) => builder.AddConnectionString(name,
            ReferenceExpression.Create(
                $"Host=127.0.0.1;Port={Text(settings.PostgresPort)};Username=postgres;Password={postgresPassword.Resource};Database={name}"));

        return new InfrastructureResources(
            InfrastructureMode.Local,
            Database("clientsdb"),
            Database("produitsdb"),
            Database("commandesdb"),
            builder.AddConnectionString("messaging", ReferenceExpression.Create(
                $"amqp://{LocalSettings.RabbitMqUser}:{rabbitPassword.Resource}@127.0.0.1:{Text(settings.RabbitMqPort)}/")),
            [postgres, rabbitmq]);
    }

    private static void EnsureInstalled()
    {
        var missing = new List<string>();
        if (!Directory.Exists("/usr/lib/postgresql") || !Directory.EnumerateFiles("/usr/lib/postgresql", "postgres", SearchOption.AllDirectories).Any())
        {
            missing.Add("postgresql");
        }

        if (!File.Exists("/usr/lib/rabbitmq/bin/rabbitmq-server"))
        {
            missing.Add("rabbitmq-server");
        }

        if (missing.Count > 0)
        {
            throw new InvalidOperationException(
                $"Aucun moteur de conteneurs ne répond et ces serveurs manquent sur la machine : {string.Join(", ", missing)}. "
                + $"Installez-les (apt-get install -y {string.Join(' ', missing)}) ou lancez ./scripts/run.sh qui le fait, "
                + "ou fournissez des serveurs existants (ConnectionStrings__clientsdb, __produitsdb, __commandesdb, __messaging).");
        }
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);

    private sealed class PostgresReady(string connectionString) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                return HealthCheckResult.Unhealthy(exception.Message);
            }
        }
    }

    private sealed class RabbitMqReady(Uri uri) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            try
            {
                await using var connection = await new ConnectionFactory { Uri = uri }.CreateConnectionAsync(cancellationToken);
                return HealthCheckResult.Healthy();
            }
            catch (Exception exception) when (exception is RabbitMQ.Client.Exceptions.BrokerUnreachableException or IOException)
            {
                return HealthCheckResult.Unhealthy(exception.Message);
            }
        }
    }
}

/// <summary>Local mode settings, from <c>Infrastructure:Local:*</c>.</summary>
internal sealed record LocalSettings(
    string DataDirectory, string ScriptsDirectory, int PostgresPort, int RabbitMqPort, int RabbitMqManagementPort, int RabbitMqDistributionPort)
{
    public const string RabbitMqUser = "payetonkawa";

    public static LocalSettings From(IDistributedApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Infrastructure:Local");
        var repository = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        return new LocalSettings(
            Path.GetFullPath(section["DataDirectory"] ?? Path.Combine(repository, ".data")),
            Path.Combine(repository, "scripts", "infra"),
            section.GetValue("PostgresPort", 55432),
            section.GetValue("RabbitMqPort", 55672),
            section.GetValue("RabbitMqManagementPort", 15673),
            section.GetValue("RabbitMqDistributionPort", 55673));
    }

    public string PostgresConnectionString(string password, string database) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Password={password};Database={database};Timeout=3";

    public Uri RabbitMqUri(string password) => new($"amqp://{RabbitMqUser}:{password}@127.0.0.1:{RabbitMqPort}/");
}

/// <summary>A random password created on first use and kept, readable by root only, in the data directory.</summary>
internal static class LocalSecret
{
    public static string GetOrCreate(string dataDirectory, string name)
    {
        var path = Path.Combine(dataDirectory, name);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(dataDirectory);
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }
        return secret;
    }
}
