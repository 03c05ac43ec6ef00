using System.Net;
using System.Net.Http.Json;
using PayeTonKawa.Clients.Data;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Defaults;

/// <summary>Several instances of an API starting together on a new server, as replicas do: one creates the database, all start.</summary>
[Collection(TestCollection.Name)]
public sealed class ConcurrentStartTests(TestEnvironment env)
{
    [Fact]
    public async Task Instances_starting_together_on_a_new_database_all_start_with_the_schema_migrated()
    {
        for (var round = 0; round < 3; round++)
        {
            var database = $"clients_start_{Guid.NewGuid():N}"[..30];
            var instances = Enumerable.Range(0, 3)
                .Select(_ => new ApiFactory<ClientsDbContext>("clientsdb", env.Infrastructure.DatabaseConnectionString(database), env.Infrastructure.MessagingConnectionString))
                .ToList();
            try
            {
                // Each host runs its migrations while it starts, before it answers.
                var started = await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.CreateClient())));

                // Each instance writes and reads every column type, citext (created by a migration) included.
                foreach (var http in started)
                {
                    var email = $"demarrage.{Guid.NewGuid():N}@example.com";
                    await (await http.PostAsJsonAsync("/customers/", new { nom = "Démarrage", prenom = "Simultané", email, mot_de_passe = "motdepasse" }))
                        .ReadJsonAsync(HttpStatusCode.Created);
                    foreach (var reader in started)
                    {
                        var found = await (await reader.GetAsync($"/customers/?email={Uri.EscapeDataString(email.ToUpperInvariant())}")).ReadJsonAsync(HttpStatusCode.OK);
                        Assert.Equal(email, Assert.Single(found.EnumerateArray()).GetProperty("email").GetString());
                    }
                }
            }
            finally
            {
                foreach (var instance in instances)
                {
                    await instance.DisposeAsync();
                }
            }
        }
    }
}
