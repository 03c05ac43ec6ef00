using System.Net.Http.Headers;
using System.Text.Json;

namespace PayeTonKawa.AppHost.Dashboard;

/// <summary>
/// What a dashboard command does with an API: it calls the API's own routes with the legacy key the AppHost gives the
/// APIs, as an operator with curl would, so that the command checks, logs and audits exactly like a request.
/// </summary>
public sealed class ApiCommandClient(HttpClient http) : IDisposable
{
    public static async Task<ApiCommandClient> ConnectAsync(
        IResourceBuilder<ProjectResource> api, IResourceBuilder<ParameterResource> key, CancellationToken cancellationToken)
    {
        var endpoint = api.GetEndpoint("http");
        var http = new HttpClient { BaseAddress = new Uri(endpoint.Url), Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.Add("X-API-Key", await key.Resource.GetValueAsync(cancellationToken));
        http.DefaultRequestHeaders.Add("X-Request-ID", $"dashboard-{Guid.NewGuid():N}");
        http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return new ApiCommandClient(http);
    }

    public async Task<ApiAnswer> GetAsync(string path, CancellationToken cancellationToken) =>
        await ApiAnswer.ReadAsync(await http.GetAsync(path, cancellationToken), cancellationToken);

    public async Task<ApiAnswer> PostAsync(string path, object? body, CancellationToken cancellationToken)
    {
        using var content = body is null ? null : JsonContent(body);
        return await ApiAnswer.ReadAsync(await http.PostAsync(path, content, cancellationToken), cancellationToken);
    }

    public void Dispose() => http.Dispose();

    private static StringContent JsonContent(object body) =>
        new(JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
}
