using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.AppHost.Infrastructure;

namespace PayeTonKawa.AppHost.LocalServers;

/// <summary>
/// Local mode (this folder, with the scripts <c>postgres.sh</c> and <c>rabbitmq.sh</c> that run the servers): the AppHost runs the machine's PostgreSQL and RabbitMQ as executable resources (logs in the dashboard,
/// stopped with the app), each with its own data directory and ports so that it never disturbs a system instance.
/// Passwords are generated once per data directory and kept there (never in the repository).
/// </summary>
public static class LocalServersExtensions
{
    public static InfrastructureResources AddLocalServers(this IDistributedApplicationBuilder builder)
    {
        var settings = LocalSettings.From(builder);
        settings.EnsureInstalled();
        CreateTraversable(settings.DataDirectory);

        var postgresPassword = LocalSecret.GetOrCreate(settings.DataDirectory, "postgres.password");
        var rabbitMqPassword = LocalSecret.GetOrCreate(settings.DataDirectory, "rabbitmq.password");
        var postgresPasswordParameter = builder.AddParameter("local-postgres-password", () => postgresPassword, secret: true);
        var rabbitMqPasswordParameter = builder.AddParameter("local-rabbitmq-password", () => rabbitMqPassword, secret: true);

        builder.Services.AddHealthChecks()
            .AddCheck("postgres-ready", new PostgresReadyCheck(settings.PostgresConnectionString(postgresPassword)))
            .AddCheck("rabbitmq-ready", new RabbitMqReadyCheck(settings.RabbitMqUri(rabbitMqPassword)));

        var postgres = builder.AddExecutable("postgres", "bash", settings.ScriptsDirectory,
                "postgres.sh", Path.Combine(settings.DataDirectory, "postgres"), Text(settings.PostgresPort))
            .WithEnvironment("POSTGRES_BIN_DIR", settings.PostgresBinDirectory)
            .WithEnvironment("PGPASSWORD_INIT", postgresPasswordParameter)
            .WithHealthCheck("postgres-ready")
            .WithStartupHint($"vérifiez que l'utilisateur du serveur (postgres quand le lancement se fait en root) peut écrire dans "
                + $"{settings.DataDirectory} et que le port {Text(settings.PostgresPort)} est libre ; Infrastructure__Local__DataDirectory "
                + "et Infrastructure__Local__PostgresPort les changent.");
        var rabbitMq = builder.AddExecutable("rabbitmq", "bash", settings.ScriptsDirectory,
                "rabbitmq.sh", Path.Combine(settings.DataDirectory, "rabbitmq"), Text(settings.RabbitMqPort),
                Text(settings.RabbitMqManagementPort), Text(settings.RabbitMqDistributionPort))
            .WithEnvironment("RABBITMQ_BIN_DIR", settings.RabbitMqBinDirectory)
            .WithEnvironment("RABBITMQ_USER_INIT", LocalSettings.RabbitMqUser)
            .WithEnvironment("RABBITMQ_PASSWORD_INIT", rabbitMqPasswordParameter)
            .WithHealthCheck("rabbitmq-ready")
            .WithStartupHint($"vérifiez que les ports {Text(settings.RabbitMqPort)}, {Text(settings.RabbitMqManagementPort)} et "
                + $"{Text(settings.RabbitMqDistributionPort)} sont libres et que {settings.DataDirectory} est accessible en écriture ; "
                + "Infrastructure__Local__RabbitMqPort, __RabbitMqManagementPort, __RabbitMqDistributionPort et __DataDirectory les changent.")
            .WithUrl($"http://127.0.0.1:{Text(settings.RabbitMqManagementPort)}", "Gestion RabbitMQ");

        // The connection strings wait for their server: the APIs then wait for the connection strings they use.
        IResourceBuilder<IResourceWithConnectionString> Database(string name) => builder.AddConnectionString(name,
                ReferenceExpression.Create(
                    $"Host=127.0.0.1;Port={Text(settings.PostgresPort)};Username=postgres;Password={postgresPasswordParameter.Resource};Database={name}"))
            .WaitFor(postgres);

        return new InfrastructureResources(
            Database("clientsdb"),
            Database("produitsdb"),
            Database("commandesdb"),
            builder.AddConnectionString("messaging", ReferenceExpression.Create(
                    $"amqp://{LocalSettings.RabbitMqUser}:{rabbitMqPasswordParameter.Resource}@127.0.0.1:{Text(settings.RabbitMqPort)}/"))
                .WaitFor(rabbitMq));
    }

    /// <summary>As root, PostgreSQL runs as the 'postgres' user: it must be able to go through the data directory.</summary>
    private static void CreateTraversable(string directory)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(directory);
            return;
        }

        Directory.CreateDirectory(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute
            | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);
    }

    private static string Text(int value) => value.ToString(CultureInfo.InvariantCulture);
}
