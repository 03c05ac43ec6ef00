using System.Reflection;
using System.Runtime.CompilerServices;
using Microsoft.Extensions.Logging;
using PayeTonKawa.Clients;
using PayeTonKawa.Commandes;
using PayeTonKawa.Messaging;
using PayeTonKawa.Produits;
using PayeTonKawa.ServiceDefaults.Telemetry;

namespace PayeTonKawa.Tests.Unit;

/// <summary>Ticket #011: every log method of the services lets the compiler give the line its method, file and line.</summary>
[Trait("Category", "Unit")]
public sealed class LogCodeSiteTests
{
    private static readonly Assembly[] Services =
    [
        typeof(ClientsService).Assembly, typeof(ProduitsService).Assembly, typeof(CommandesService).Assembly,
        typeof(OutboxSignal).Assembly, typeof(CodeSite).Assembly,
    ];

    [Fact]
    public void Every_log_method_ends_with_the_caller_parameters()
    {
        var methods = Services
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Where(method => method.GetCustomAttribute<LoggerMessageAttribute>() is not null)
            .ToList();

        Assert.True(methods.Count >= 30, $"only {methods.Count} log methods found");
        Assert.All(methods, method =>
        {
            var last = method.GetParameters()[^3..];
            Assert.True(
                last[0].Name == CodeSite.FunctionKey && last[0].IsDefined(typeof(CallerMemberNameAttribute))
                && last[1].Name == CodeSite.FileKey && last[1].IsDefined(typeof(CallerFilePathAttribute))
                && last[2].Name == CodeSite.LineKey && last[2].IsDefined(typeof(CallerLineNumberAttribute)),
                $"{method.DeclaringType}.{method.Name} does not end with [CallerMemberName] function, [CallerFilePath] file, [CallerLineNumber] line");
        });
    }

    [Fact]
    public void The_source_root_is_the_repository_root()
    {
        Assert.True(File.Exists(Path.Combine(CodeSite.SourceRoot, "PayeTonKawa.sln")), CodeSite.SourceRoot);
        Assert.Equal(
            "PayeTonKawa.Commandes/Orders/OrdersEndpoints.cs",
            CodeSite.RepositoryPath(Path.Combine(CodeSite.SourceRoot, "PayeTonKawa.Commandes", "Orders", "OrdersEndpoints.cs")).ToString().Replace('\\', '/'));
        Assert.Equal("/elsewhere/File.cs", CodeSite.RepositoryPath("/elsewhere/File.cs").ToString());
    }
}
