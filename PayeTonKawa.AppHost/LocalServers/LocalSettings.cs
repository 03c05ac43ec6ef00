using Microsoft.Extensions.Configuration;

namespace PayeTonKawa.AppHost.LocalServers;

/// <summary>Local mode settings, from <c>Infrastructure:Local:*</c>.</summary>
internal sealed record LocalSettings(
    string DataDirectory,
    string ScriptsDirectory,
    string PostgresBinDirectory,
    string RabbitMqBinDirectory,
    int PostgresPort,
    int RabbitMqPort,
    int RabbitMqManagementPort,
    int RabbitMqDistributionPort)
{
    public const string RabbitMqUser = "payetonkawa";

    public static LocalSettings From(IDistributedApplicationBuilder builder)
    {
        var section = builder.Configuration.GetSection("Infrastructure:Local");
        var repository = Path.GetFullPath(Path.Combine(builder.AppHostDirectory, ".."));
        return new LocalSettings(
            Path.GetFullPath(section["DataDirectory"] ?? LocalDataDirectory.Default(repository, Environment.IsPrivilegedProcess)),
            // The scripts that run the servers live beside this code, in the project folder the AppHost runs from.
            Path.Combine(builder.AppHostDirectory, "LocalServers"),
            section["PostgresBinDirectory"] ?? NewestPostgresBinDirectory(),
            section["RabbitMqBinDirectory"] ?? "/usr/lib/rabbitmq/bin",
            section.GetValue("PostgresPort", 55432),
            section.GetValue("RabbitMqPort", 55672),
            section.GetValue("RabbitMqManagementPort", 15673),
            section.GetValue("RabbitMqDistributionPort", 55673));
    }

    /// <summary>Fails at once, saying what to install, when a server binary is missing.</summary>
    public void EnsureInstalled()
    {
        var missing = new List<string>();
        if (!File.Exists(Path.Combine(PostgresBinDirectory, "postgres")) || !File.Exists(Path.Combine(PostgresBinDirectory, "initdb")))
        {
            missing.Add("postgresql");
        }

        if (!File.Exists(Path.Combine(RabbitMqBinDirectory, "rabbitmq-server")))
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

    /// <summary>An administration connection string, without pooling: an idle pooled connection would hold the server.</summary>
    public string PostgresConnectionString(string password) =>
        $"Host=127.0.0.1;Port={PostgresPort};Username=postgres;Password={password};Database=postgres;Timeout=3;Pooling=false";

    public Uri RabbitMqUri(string password) => new($"amqp://{RabbitMqUser}:{password}@127.0.0.1:{RabbitMqPort}/");

    private static string NewestPostgresBinDirectory()
    {
        const string root = "/usr/lib/postgresql";
        var newest = Directory.Exists(root)
            ? Directory.EnumerateDirectories(root)
                .Select(version => (Version: int.TryParse(Path.GetFileName(version), out var number) ? number : -1, Bin: Path.Combine(version, "bin")))
                .Where(candidate => File.Exists(Path.Combine(candidate.Bin, "postgres")))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => candidate.Bin)
                .FirstOrDefault()
            : null;
        return newest ?? Path.Combine(root, "bin");
    }
}
