using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace PayeTonKawa.Tests.Unit;

/// <summary>
/// The relative links of Markdown files, checked the way GitHub resolves them: the target file exists and, for
/// <c>file.md#anchor</c>, one of its headings gives that anchor. Links inside code are not links.
/// </summary>
public static partial class MarkdownLinks
{
    /// <summary>Each broken link of <paramref name="markdownFile"/>, as <c>file:line: target</c>.</summary>
    public static IEnumerable<string> Broken(string markdownFile, string repositoryRoot)
    {
        var folder = Path.GetDirectoryName(Path.GetFullPath(markdownFile))!;
        foreach (var (line, target) in Links(markdownFile))
        {
            if (IsOutsideTheRepository(target))
            {
                continue;
            }

            var hash = target.IndexOf('#', StringComparison.Ordinal);
            var path = hash < 0 ? target : target[..hash];
            var anchor = hash < 0 ? null : Uri.UnescapeDataString(target[(hash + 1)..]);
            var file = path.Length == 0 ? Path.GetFullPath(markdownFile) : Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(path)));
            var where = $"{Path.GetRelativePath(repositoryRoot, markdownFile)}:{line}: {target}";
            if (!File.Exists(file) && !Directory.Exists(file))
            {
                yield return $"{where} (fichier absent)";
            }
            else if (anchor is not null && file.EndsWith(".md", StringComparison.OrdinalIgnoreCase) && !Anchors(file).Contains(anchor))
            {
                yield return $"{where} (titre absent)";
            }
        }
    }

    /// <summary>The anchors GitHub gives the headings of a Markdown file; a repeated heading gets -1, -2…</summary>
    public static ISet<string> Anchors(string markdownFile)
    {
        var anchors = new HashSet<string>(StringComparer.Ordinal);
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var (_, text) in OutsideCodeBlocks(markdownFile))
        {
            var heading = Heading().Match(text);
            if (!heading.Success)
            {
                continue;
            }

            var slug = Slug(heading.Groups["title"].Value);
            var count = seen.GetValueOrDefault(slug);
            anchors.Add(count == 0 ? slug : string.Create(CultureInfo.InvariantCulture, $"{slug}-{count}"));
            seen[slug] = count + 1;
        }

        return anchors;
    }

    /// <summary>
    /// GitHub's anchor of a heading: its text (code spans and link texts kept) in lower case, letters, digits, hyphens
    /// and underscores kept, each space made a hyphen, everything else dropped.
    /// </summary>
    public static string Slug(string heading)
    {
        var text = LinkText().Replace(CodeSpan().Replace(heading, "$1"), "$1").Trim().ToLowerInvariant();
        var slug = new StringBuilder(text.Length);
        foreach (var character in text)
        {
            if (character == ' ')
            {
                slug.Append('-');
            }
            else if (character is '-' or '_' || char.IsLetterOrDigit(character))
            {
                slug.Append(character);
            }
        }

        return slug.ToString();
    }

    private static bool IsOutsideTheRepository(string target) =>
        UriScheme().IsMatch(target)
        // The README's badges point at GitHub pages of the repository (its workflows, the badges branch), not at files.
        || target.StartsWith("../../actions/", StringComparison.Ordinal)
        || target.StartsWith("../badges/", StringComparison.Ordinal);

    private static IEnumerable<(int Line, string Target)> Links(string markdownFile)
    {
        foreach (var (line, text) in OutsideCodeBlocks(markdownFile))
        {
            foreach (Match link in Link().Matches(CodeSpan().Replace(text, string.Empty)))
            {
                yield return (line, link.Groups["target"].Value);
            }
        }
    }

    private static IEnumerable<(int Line, string Text)> OutsideCodeBlocks(string markdownFile)
    {
        var inFence = false;
        var number = 0;
        foreach (var text in File.ReadLines(markdownFile))
        {
            number++;
            if (text.TrimStart().StartsWith("```", StringComparison.Ordinal))
            {
                inFence = !inFence;
            }
            else if (!inFence)
            {
                yield return (number, text);
            }
        }
    }

    [GeneratedRegex(@"^#{1,6}\s+(?<title>.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\]\((?<target>[^)\s]+)\)")]
    private static partial Regex Link();

    [GeneratedRegex(@"`([^`]*)`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\[([^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkText();

    [GeneratedRegex(@"^[a-zA-Z][a-zA-Z0-9+.-]*:")]
    private static partial Regex UriScheme();
}
