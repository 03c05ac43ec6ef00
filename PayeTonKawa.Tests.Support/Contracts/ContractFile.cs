using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Contracts;

/// <summary>
/// A file committed in the repository that must be exactly what the code produces (an OpenAPI document, the API
/// reference). A stale file fails the test; with <c>PAYETONKAWA_UPDATE_CONTRACTS=1</c> it is rewritten, and the test
/// still fails that run, so that no run ever passes on a file that had to change.
/// </summary>
public static class ContractFile
{
    public const string UpdateVariable = "PAYETONKAWA_UPDATE_CONTRACTS";

    public static bool UpdateRequested => Environment.GetEnvironmentVariable(UpdateVariable) == "1";

    /// <summary>The text of the committed file at <paramref name="relativePath"/> (from the repository root).</summary>
    public static string Read(string relativePath) => File.ReadAllText(FullPath(relativePath));

    /// <summary>Fails unless the committed file at <paramref name="relativePath"/> is exactly <paramref name="expected"/>.</summary>
    public static void AssertUpToDate(string relativePath, string expected)
    {
        var path = FullPath(relativePath);
        var committed = File.Exists(path) ? File.ReadAllText(path).ReplaceLineEndings("\n") : null;
        if (committed == expected)
        {
            return;
        }

        if (UpdateRequested)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, expected);
            Assert.Fail($"{relativePath} was out of date and has been updated: review it, commit it, and run the tests again.");
        }

        Assert.Fail(committed is null
            ? $"{relativePath} is missing. Run ./scripts/update-contracts.sh to create it."
            : $"{relativePath} differs from what the code produces. {FirstDifference(committed, expected)} "
              + "If the change is intended, run ./scripts/update-contracts.sh and commit the result.");
    }

    private static string FullPath(string relativePath) => Path.Combine(RepositoryRoot.Path(), relativePath);

    private static string FirstDifference(string committed, string expected)
    {
        var committedLines = committed.Split('\n');
        var expectedLines = expected.Split('\n');
        for (var line = 0; line < Math.Max(committedLines.Length, expectedLines.Length); line++)
        {
            var before = line < committedLines.Length ? committedLines[line] : "(end of file)";
            var after = line < expectedLines.Length ? expectedLines[line] : "(end of file)";
            if (before != after)
            {
                return $"First difference at line {line + 1}: committed «{before.Trim()}», produced «{after.Trim()}».";
            }
        }

        return "They differ.";
    }
}
