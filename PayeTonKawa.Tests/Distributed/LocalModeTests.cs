using Aspire.Hosting.Testing;

namespace PayeTonKawa.Tests.Distributed;

/// <summary>Local mode on a machine where the servers are not installed: the AppHost stops at once and says why.</summary>
public sealed class LocalModeTests
{
    [Fact]
    public async Task Without_the_server_binaries_the_apphost_fails_at_once_saying_what_to_install()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"payetonkawa-missing-{Guid.NewGuid():N}");

        var exception = await Assert.ThrowsAnyAsync<Exception>(() => DistributedApplicationTestingBuilder.CreateAsync<Projects.PayeTonKawa_AppHost>(
        [
            "Infrastructure:Mode=Local",
            $"Infrastructure:Local:DataDirectory={missing}",
            $"Infrastructure:Local:PostgresBinDirectory={missing}",
            $"Infrastructure:Local:RabbitMqBinDirectory={missing}",
        ]).WaitAsync(TimeSpan.FromMinutes(1)));

        var message = Innermost(exception).Message;
        Assert.Contains("apt-get install -y postgresql rabbitmq-server", message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(missing), "nothing is created before the check");
    }

    private static Exception Innermost(Exception exception) =>
        exception.InnerException is null ? exception : Innermost(exception.InnerException);
}
