using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.HighAvailability;

/// <summary>
/// Three RabbitMQ nodes of the machine's binaries (each with its own node name, ports and directories, one Erlang
/// cookie), clustered, behind one stable address as a Kubernetes Service gives: HAProxy from Debian, in TCP mode,
/// every connection to the first node that answers its health check.
/// </summary>
internal sealed class RabbitMqCluster(string directory) : IAsyncDisposable
{
    private const string User = "payetonkawa";
    private readonly string _password = Guid.NewGuid().ToString("N");
    private readonly string _cookie = Guid.NewGuid().ToString("N").ToUpperInvariant();
    private readonly Node[] _nodes = [.. Enumerable.Range(1, 3).Select(index => new Node(index, Ports.Free(), Ports.Free(), Ports.Free(), Path.Combine(directory, $"rabbit{index}")))];
    private readonly int _proxyPort = Ports.Free();
    private ServerProcess? _proxy;

    public string ConnectionString => $"amqp://{User}:{_password}@127.0.0.1:{Ports.Text(_proxyPort)}/";

    /// <summary>The node name of node <paramref name="index"/> (1 to 3).</summary>
    public string NodeName(int index) => _nodes[index - 1].Name;

    public async Task StartAsync()
    {
        await Task.WhenAll(_nodes.Select(StartNodeAsync));
        foreach (var node in _nodes.Skip(1))
        {
            await CtlAsync(node, "stop_app");
            await CtlAsync(node, "join_cluster", _nodes[0].Name);
            await CtlAsync(node, "start_app");
        }

        var running = await CtlAsync(_nodes[0], "cluster_status", "--formatter", "json");
        Assert.Equal(3, JsonDocument.Parse(running).RootElement.GetProperty("running_nodes").GetArrayLength());
        var configuration = Path.Combine(directory, "haproxy.cfg");
        await File.WriteAllTextAsync(configuration, ProxyConfiguration());
        _proxy = ServerProcess.Start("haproxy", "haproxy", ["-db", "-f", configuration]);
    }

    /// <summary>Node <paramref name="index"/> lost at once (SIGKILL of its Erlang VM): no shutdown, connections cut.</summary>
    public async Task KillNodeAsync(int index) => await ServerProcess.KillAsync(Path.Combine(_nodes[index - 1].Directory, "rabbitmq.pid"));

    /// <summary>Node <paramref name="index"/> started again on its own data: it rejoins the cluster it belongs to.</summary>
    public async Task RestartNodeAsync(int index)
    {
        _nodes[index - 1].Process?.Dispose();
        await StartNodeAsync(_nodes[index - 1]);
    }

    /// <summary>The node each client connection of the cluster is on.</summary>
    public async Task<List<string>> ConnectionNodesAsync(int askedNode)
    {
        using var management = Management(askedNode);
        var connections = await management.GetFromJsonAsync<JsonElement>("connections");
        return [.. connections.EnumerateArray().Select(connection => connection.GetProperty("node").GetString()!)];
    }

    /// <summary>A quorum queue's leader, its members, and those of them online, as node <paramref name="askedNode"/> sees them.</summary>
    public async Task<(string Leader, string[] Members, string[] Online)> QuorumAsync(string queue, int askedNode)
    {
        using var management = Management(askedNode);
        var details = await management.GetFromJsonAsync<JsonElement>($"queues/%2F/{queue}");
        static string[] Names(JsonElement array) => [.. array.EnumerateArray().Select(name => name.GetString()!).Order(StringComparer.Ordinal)];
        return (details.GetProperty("leader").GetString()!, Names(details.GetProperty("members")), Names(details.GetProperty("online")));
    }

    public async ValueTask DisposeAsync()
    {
        _proxy?.Dispose();
        foreach (var node in _nodes)
        {
            node.Process?.Dispose();
        }

        await Task.CompletedTask;
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    private async Task StartNodeAsync(Node node)
    {
        Directory.CreateDirectory(node.Directory);
        var cookie = Path.Combine(node.Directory, ".erlang.cookie");
        if (!File.Exists(cookie))
        {
            await File.WriteAllTextAsync(cookie, _cookie);
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(cookie, UnixFileMode.UserRead);
            }
        }

        node.Process = ServerProcess.Start(node.Name, "bash",
            [Path.Combine(RepositoryRoot.Path(), "PayeTonKawa.AppHost", "LocalServers", "rabbitmq.sh"), node.Directory, Ports.Text(node.AmqpPort), Ports.Text(node.ManagementPort), Ports.Text(node.DistributionPort)],
            new Dictionary<string, string> { ["RABBITMQ_USER_INIT"] = User, ["RABBITMQ_PASSWORD_INIT"] = _password });
        // await_startup fails at once while the node is not yet known to epmd: asked again until it answers.
        var started = await Eventually.ReadAsync(
            async () => (await ServerProcess.TryRunAsync("/usr/lib/rabbitmq/bin/rabbitmqctl", ["-q", "-n", node.Name, "await_startup", "--timeout", "60"],
                new Dictionary<string, string> { ["HOME"] = node.Directory })).ExitCode == 0,
            ok => ok || node.Process.HasExited, TimeSpan.FromSeconds(120));
        Assert.True(started, $"{node.Name} did not start:{Environment.NewLine}{node.Process.Tail}");
    }

    // The node's own CLI, with its cookie (HOME is the node's directory, as rabbitmq.sh sets it).
    private static Task<string> CtlAsync(Node node, params string[] arguments) =>
        ServerProcess.RunAsync("/usr/lib/rabbitmq/bin/rabbitmqctl", ["-q", "-n", node.Name, .. arguments],
            new Dictionary<string, string> { ["HOME"] = node.Directory });

    private HttpClient Management(int node)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{Ports.Text(_nodes[node - 1].ManagementPort)}/api/") };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{User}:{_password}")));
        return http;
    }

    // "balance first": every connection on the first node up, so that one node holds the services' connections (and
    // the leaders of the queues they declare); a node that stops answering its check is out within a second, and the
    // connections still open to it are cut so that the clients reconnect at once.
    private string ProxyConfiguration()
    {
        var configuration = new StringBuilder()
            .AppendLine("global")
            .AppendLine("    maxconn 2000")
            .AppendLine("defaults")
            .AppendLine("    mode tcp")
            .AppendLine("    timeout connect 2s")
            .AppendLine("    timeout client 3h")
            .AppendLine("    timeout server 3h")
            .AppendLine("frontend amqp")
            .AppendLine(CultureInfo.InvariantCulture, $"    bind 127.0.0.1:{Ports.Text(_proxyPort)}")
            .AppendLine("    default_backend rabbitmq")
            .AppendLine("backend rabbitmq")
            .AppendLine("    balance first")
            .AppendLine("    default-server check inter 500ms fall 2 rise 2 on-marked-down shutdown-sessions maxconn 500");
        foreach (var node in _nodes)
        {
            configuration.AppendLine(CultureInfo.InvariantCulture, $"    server rabbit{node.Index} 127.0.0.1:{Ports.Text(node.AmqpPort)}");
        }

        return configuration.ToString();
    }



    private sealed record Node(int Index, int AmqpPort, int ManagementPort, int DistributionPort, string Directory)
    {
        public string Name => $"payetonkawa-{AmqpPort.ToString(CultureInfo.InvariantCulture)}@localhost";

        public ServerProcess? Process { get; set; }
    }
}
