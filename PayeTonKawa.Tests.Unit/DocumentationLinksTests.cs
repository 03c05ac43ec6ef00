using PayeTonKawa.Tests.Support;

namespace PayeTonKawa.Tests.Unit;

/// <summary>The README and the documents send a reader only to files and headings that exist.</summary>
[Trait("Category", "Unit")]
public sealed class DocumentationLinksTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("payetonkawa-links-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Every_relative_link_of_the_readme_and_the_docs_reaches_a_file_and_its_heading()
    {
        var root = RepositoryRoot.Path();
        var documents = Directory.EnumerateFiles(Path.Combine(root, "docs"), "*.md", SearchOption.AllDirectories)
            .Prepend(Path.Combine(root, "README.md"))
            .ToList();

        var broken = documents.SelectMany(document => MarkdownLinks.Broken(document, root)).ToList();

        Assert.True(documents.Count > 10, "the documents were not found");
        Assert.Empty(broken);
    }

    [Fact]
    public void A_missing_file_a_missing_heading_and_a_repeated_heading_are_told_apart()
    {
        File.WriteAllText(Path.Combine(_folder, "autre.md"), "# Titre\n## Arrêter ; infrastructure et données\n## Tests\n## Tests\n");
        var page = Path.Combine(_folder, "page.md");
        File.WriteAllText(page, string.Join('\n',
            "[bon](autre.md#arrêter--infrastructure-et-données) [répété](autre.md#tests-1) [ici](#section)",
            "[fichier absent](absent.md) [titre absent](autre.md#nulle-part) [web](https://example.com/x.md)",
            "`[dans du code](absent.md)`",
            "```",
            "[dans un bloc](absent.md)",
            "```",
            "## Section"));

        var broken = MarkdownLinks.Broken(page, _folder).ToList();

        string[] expected = ["page.md:2: absent.md (fichier absent)", "page.md:2: autre.md#nulle-part (titre absent)"];
        Assert.Equal(expected, broken);
    }

    [Theory]
    [InlineData("Arrêter ; infrastructure et données", "arrêter--infrastructure-et-données")]
    [InlineData("Ce que vérifie `./scripts/test.sh`", "ce-que-vérifie-scriptstestsh")]
    [InlineData("Sur une machine qui n'est pas Debian", "sur-une-machine-qui-nest-pas-debian")]
    [InlineData("A4. La transition, selon Bridges", "a4-la-transition-selon-bridges")]
    [InlineData("Voir [MESURES](docs/MESURES.md) et_la_suite", "voir-mesures-et_la_suite")]
    public void A_heading_gets_the_anchor_github_gives_it(string heading, string anchor) =>
        Assert.Equal(anchor, MarkdownLinks.Slug(heading));
}
