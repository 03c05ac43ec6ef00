using System.Globalization;
using System.Text;

namespace PayeTonKawa.AppHost.Dashboard;

/// <summary>
/// « Rejouer les lettres mortes » : <c>GET /admin/dead-letters/</c>, then <c>POST /admin/dead-letters/{file}/replay</c>
/// for every queue of the API that holds some — what an operator does once the cause of a poison message is fixed.
/// </summary>
public static class ReplayDeadLettersCommand
{
    public const string Name = "replay-dead-letters";

    public static IResourceBuilder<ProjectResource> WithReplayDeadLettersCommand(
        this IResourceBuilder<ProjectResource> api, IResourceBuilder<ParameterResource> key) =>
        api.WithDashboardCommand(
            key,
            Name,
            "Rejouer les lettres mortes",
            "Renvoie dans leur file les messages que ce service a mis en lettres mortes (GET /admin/dead-letters/, puis POST …/replay).",
            "ArrowReplay",
            ExecuteAsync,
            confirmation: "Renvoyer dans leur file tous les messages en lettres mortes de ce service ?");

    private static async Task<ExecuteCommandResult> ExecuteAsync(ApiCommandClient client, CancellationToken cancellationToken)
    {
        var queues = await client.GetAsync("/admin/dead-letters/", cancellationToken);
        if (!queues.IsSuccess)
        {
            return CommandResults.Failure(queues.Failure("Lecture des lettres mortes impossible"));
        }

        var report = new StringBuilder("| file | messages rejoués |\n|---|---:|\n");
        var total = 0;
        foreach (var queue in queues.Body.EnumerateArray())
        {
            var name = queue.GetProperty("queue").GetString()!;
            var replayed = 0;
            if (queue.GetProperty("messages").GetInt64() > 0)
            {
                var replay = await client.PostAsync($"/admin/dead-letters/{Uri.EscapeDataString(name)}/replay", null, cancellationToken);
                if (!replay.IsSuccess)
                {
                    return CommandResults.Failure(replay.Failure($"Rejeu de la file {name} impossible"));
                }

                replayed = replay.Body.GetProperty("replayed").GetInt32();
            }

            total += replayed;
            report.Append(CultureInfo.InvariantCulture, $"| `{name}` | {replayed} |\n");
        }

        return CommandResults.Success(
            string.Create(CultureInfo.InvariantCulture, $"{total} message(s) rejoué(s) depuis les lettres mortes."),
            report.ToString(), CommandResultFormat.Markdown);
    }
}
