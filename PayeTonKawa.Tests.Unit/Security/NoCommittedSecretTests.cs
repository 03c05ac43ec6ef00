using System.Text.Json;
using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Security;

/// <summary>Keys and passwords come from the environment (or the AppHost's parameters): only Development settings may hold one.</summary>
[Trait("Category", "Unit")]
public sealed class NoCommittedSecretTests
{
    private static readonly string[] SecretWords = ["apikey", "api-key", "api_key", "password", "passwd", "pwd", "secret", "motdepasse", "mot_de_passe", "token"];

    private static readonly string[] SkippedFolders = ["bin", "obj", ".git", "node_modules", "TestResults", "coverage"];

    [Fact]
    public void No_settings_file_outside_development_sets_a_key_a_password_or_a_secret()
    {
        var files = SettingsFiles().ToList();

        var secrets = files
            .SelectMany(file => Leaves(file))
            .Where(leaf => IsSecret(leaf.Path) && !string.IsNullOrWhiteSpace(leaf.Value))
            .Select(leaf => $"{leaf.File}: {leaf.Path}")
            .ToList();

        Assert.Contains(files, file => file.EndsWith(Path.Combine("PayeTonKawa.AppHost", "appsettings.json"), StringComparison.Ordinal));
        Assert.True(files.Count >= 4, $"only {files.Count} settings files found");
        Assert.Empty(secrets);
    }

    [Fact]
    public void Connection_strings_outside_development_carry_no_password()
    {
        var withPassword = SettingsFiles()
            .SelectMany(file => Leaves(file))
            .Where(leaf => leaf.Path.StartsWith("ConnectionStrings:", StringComparison.OrdinalIgnoreCase)
                && (leaf.Value.Contains("password=", StringComparison.OrdinalIgnoreCase) || leaf.Value.Contains(":@", StringComparison.Ordinal) || UriHasPassword(leaf.Value)))
            .Select(leaf => $"{leaf.File}: {leaf.Path}");

        Assert.Empty(withPassword);
    }

    [Theory]
    [InlineData("ApiKeys:LegacyKey", true)]
    [InlineData("ApiKeys:Keys:boutique-web:Key", true)]
    [InlineData("Parameters:legacy-api-key", true)]
    [InlineData("Parameters:postgres-password", true)]
    [InlineData("Jwt:Secret", true)]
    [InlineData("Logging:LogLevel:Default", false)]
    [InlineData("Cors:AllowedOrigins:0", false)]
    public void What_counts_as_a_secret(string path, bool secret)
    {
        Assert.Equal(secret, IsSecret(path));
    }

    private static bool IsSecret(string path) =>
        path.StartsWith("ApiKeys:", StringComparison.OrdinalIgnoreCase)
        || SecretWords.Any(word => path.Contains(word, StringComparison.OrdinalIgnoreCase));

    private static bool UriHasPassword(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.UserInfo.Contains(':', StringComparison.Ordinal);

    private static IEnumerable<string> SettingsFiles()
    {
        var root = RepositoryRoot.Path();
        var pending = new Stack<string>([root]);
        while (pending.TryPop(out var folder))
        {
            foreach (var child in Directory.EnumerateDirectories(folder).Where(child => !SkippedFolders.Contains(Path.GetFileName(child))))
            {
                pending.Push(child);
            }

            foreach (var file in Directory.EnumerateFiles(folder, "appsettings*.json"))
            {
                if (!file.EndsWith(".Development.json", StringComparison.OrdinalIgnoreCase))
                {
                    yield return file;
                }
            }
        }
    }


    private static IEnumerable<(string File, string Path, string Value)> Leaves(string file)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(file), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        var leaves = new List<(string, string, string)>();
        Collect(document.RootElement, "");
        return leaves;

        void Collect(JsonElement element, string path)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        Collect(property.Value, path.Length == 0 ? property.Name : $"{path}:{property.Name}");
                    }

                    break;
                case JsonValueKind.Array:
                    var index = 0;
                    foreach (var item in element.EnumerateArray())
                    {
                        Collect(item, $"{path}:{index++}");
                    }

                    break;
                default:
                    leaves.Add((file, path, element.ValueKind == JsonValueKind.String ? element.GetString()! : element.GetRawText()));
                    break;
            }
        }
    }
}
