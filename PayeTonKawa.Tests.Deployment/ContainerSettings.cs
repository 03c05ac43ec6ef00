using System.Diagnostics;
using System.Text.Json;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// The container settings of one API as the .NET SDK computes them for <c>dotnet publish -t:PublishContainer</c>
/// (target <c>ComputeContainerConfig</c>), without pulling the base image or building anything.
/// </summary>
public sealed record ContainerSettings(
    string Repository,
    string BaseImage,
    string User,
    IReadOnlyList<(string Port, string Type)> Ports,
    IReadOnlyList<string> Tags,
    IReadOnlyDictionary<string, string> Labels,
    IReadOnlyDictionary<string, string> Environment)
{
    public static async Task<ContainerSettings> ComputeAsync(string project, params string[] globalProperties)
    {
        var startInfo = new ProcessStartInfo(System.Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = RepositoryRoot.Path(),
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[]
                 {
                     "msbuild", Path.Combine(project, $"{project}.csproj"), "-nologo", "-t:ComputeContainerConfig",
                     "-getProperty:ContainerRepository", "-getProperty:ContainerBaseImage", "-getProperty:ContainerUser",
                     "-getItem:ContainerPort", "-getItem:ContainerImageTags", "-getItem:ContainerLabel",
                     "-getItem:ContainerEnvironmentVariables",
                 }.Concat(globalProperties.Select(property => $"-p:{property}")))
        {
            startInfo.ArgumentList.Add(argument);
        }

        // The test host runs under the SDK: its MSBuild variables would make the child MSBuild load the wrong tasks.
        foreach (var variable in new[] { "MSBUILD_EXE_PATH", "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBuildLoadMicrosoftTargetsReadOnly" })
        {
            startInfo.Environment.Remove(variable);
        }

        using var process = Process.Start(startInfo)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(3));
        Assert.True(process.ExitCode == 0, $"dotnet msbuild failed: {await output}{await error}");

        using var json = JsonDocument.Parse(await output);
        var properties = json.RootElement.GetProperty("Properties");
        var items = json.RootElement.GetProperty("Items");
        return new ContainerSettings(
            properties.GetProperty("ContainerRepository").GetString()!,
            properties.GetProperty("ContainerBaseImage").GetString()!,
            properties.GetProperty("ContainerUser").GetString()!,
            Items(items, "ContainerPort").Select(port => (Text(port, "Identity"), Text(port, "Type"))).ToList(),
            Items(items, "ContainerImageTags").Select(tag => Text(tag, "Identity")).ToList(),
            Items(items, "ContainerLabel").ToDictionary(label => Text(label, "Identity"), label => Text(label, "Value")),
            Items(items, "ContainerEnvironmentVariables").ToDictionary(variable => Text(variable, "Identity"), variable => Text(variable, "Value")));
    }

    private static IEnumerable<JsonElement> Items(JsonElement items, string name) =>
        items.TryGetProperty(name, out var list) ? list.EnumerateArray() : [];

    private static string Text(JsonElement item, string name) =>
        item.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";
}
