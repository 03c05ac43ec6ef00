using System.Runtime.Versioning;
using Aspire.Hosting.Testing;
using PayeTonKawa.AppHost.LocalServers;

namespace PayeTonKawa.Tests.Distributed;

/// <summary>
/// Where Local mode keeps its data and generated passwords: a place the server user can always reach, wherever the
/// repository was cloned.
/// </summary>
[SupportedOSPlatform("linux")]
[Trait("Category", "Unit")]
public sealed class LocalDataDirectoryTests
{
    [Fact]
    public void A_user_other_than_root_keeps_the_data_in_the_repository()
    {
        Assert.Equal("/home/alice/PayeTonKawa/.data", LocalDataDirectory.Default("/home/alice/PayeTonKawa", runsAsRoot: false));
    }

    [Fact]
    public void Root_keeps_the_data_under_var_lib_one_folder_per_clone()
    {
        var inRoot = LocalDataDirectory.Default("/root/PayeTonKawa", runsAsRoot: true);
        var elsewhere = LocalDataDirectory.Default("/srv/PayeTonKawa", runsAsRoot: true);

        Assert.Matches(@"^/var/lib/payetonkawa/PayeTonKawa-[0-9a-f]{8}$", inRoot);
        Assert.NotEqual(inRoot, elsewhere);
        Assert.Equal(inRoot, LocalDataDirectory.Default("/root/PayeTonKawa/", runsAsRoot: true));
    }

    [Fact]
    public async Task The_configured_data_directory_holds_the_generated_passwords_readable_by_their_owner_only()
    {
        var dataDirectory = Path.Combine(Path.GetTempPath(), $"payetonkawa-datadir-{Guid.NewGuid():N}");
        try
        {
            await using var builder = await DistributedApplicationTestingBuilder.CreateAsync<Projects.PayeTonKawa_AppHost>(
            [
                "Infrastructure:Mode=Local",
                $"Infrastructure:Local:DataDirectory={dataDirectory}",
                "Parameters:legacy-api-key=unused",
                "Parameters:metrics-api-key=unused",
            ]);

            foreach (var secret in new[] { "postgres.password", "rabbitmq.password" })
            {
                Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(dataDirectory, secret)));
            }

            // As root the server runs as 'postgres', which must go through this folder to reach its own.
            Assert.True(File.GetUnixFileMode(dataDirectory).HasFlag(UnixFileMode.OtherExecute));
        }
        finally
        {
            Directory.Delete(dataDirectory, recursive: true);
        }
    }
}
