using System.Runtime.CompilerServices;

namespace PayeTonKawa.ServiceDefaults.Telemetry;

/// <summary>
/// The code that wrote a log line, as the Python logs gave it (ticket #011): every <c>[LoggerMessage]</c> method of the
/// services ends with the optional caller parameters <c>function</c>, <c>file</c> and <c>line</c>, which the compiler
/// fills at each call site with constants — no stack walk at run time.
/// </summary>
public static class CodeSite
{
    public const string FunctionKey = "function";
    public const string FileKey = "file";
    public const string LineKey = "line";

    /// <summary>The directory the solution was built from, cut from file paths so that a line names a repository path.</summary>
    public static readonly string SourceRoot = RootOf();

    public static bool IsCodeSiteKey(string key) => key is FunctionKey or FileKey or LineKey;

    /// <summary><paramref name="file"/> relative to the repository root when it was built from this repository.</summary>
    public static ReadOnlySpan<char> RepositoryPath(string file) =>
        file.StartsWith(SourceRoot, StringComparison.Ordinal) ? file.AsSpan(SourceRoot.Length) : file;

    // This file is <root>/PayeTonKawa.ServiceDefaults/Telemetry/CodeSite.cs, built in the same tree as the services.
    private static string RootOf([CallerFilePath] string thisFile = "")
    {
        var project = Path.GetDirectoryName(Path.GetDirectoryName(thisFile));
        var root = Path.GetDirectoryName(project);
        return string.IsNullOrEmpty(root) ? string.Empty : root + thisFile[root.Length];
    }
}
