using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Defaults;

[Collection(TestCollection.Name)]
public sealed class ApiKeyRotationTests(TestEnvironment env)
{
    [Fact]
    public async Task A_key_added_or_removed_in_configuration_takes_effect_without_a_restart()
    {
        var configuration = (IConfigurationRoot)env.Clients.Services.GetRequiredService<IConfiguration>();
        var key = $"rotation-{Guid.NewGuid():N}";
        var http = env.Clients.CreateClient(key);
        await (await http.GetAsync("/customers/")).AssertProblemAsync(HttpStatusCode.Forbidden, "API Key invalide");

        configuration["ApiKeys:Keys:rotation:Key"] = key;
        configuration["ApiKeys:Keys:rotation:Scopes:0"] = "clients:read";
        configuration.Reload();
        var accepted = await http.GetAsync("/customers/");

        configuration["ApiKeys:Keys:rotation:Key"] = "";
        configuration.Reload();
        var revoked = await http.GetAsync("/customers/");

        Assert.Equal(HttpStatusCode.OK, accepted.StatusCode);
        await revoked.AssertProblemAsync(HttpStatusCode.Forbidden, "API Key invalide");
    }
}
