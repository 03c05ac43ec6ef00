namespace PayeTonKawa.AppHost.Infrastructure;

/// <summary>
/// How the RabbitMQ node's Erlang schedulers behave on a host it shares with the APIs and PostgreSQL. By default an
/// idle scheduler busy-waits before it sleeps, which on 2 vCPUs takes CPU time from the processes whose messages the
/// node is waiting for; with busy-waiting off, the node sleeps at once and the APIs get that time. The same arguments
/// are given to the local node (LocalServers/rabbitmq.sh), to the container and to the Kubernetes cluster.
/// </summary>
public static class BrokerScheduling
{
    public const string EnvironmentVariable = "RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS";

    public const string ErlangArguments = "+sbwt none +sbwtdcpu none +sbwtdio none";
}
