using System.Text.RegularExpressions;
using PayeTonKawa.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace PayeTonKawa.Tests.Pipeline;

/// <summary>
/// What ticket #007 asks of <c>.github/workflows/ci.yml</c>, read from the file (GitHub Actions cannot run here): one job
/// per API that builds that API's project and runs that API's tests, and the coverage of each API and of the whole suite
/// sent to Codecov with the secret token, under flags that <c>codecov.yml</c> declares.
/// </summary>
[Trait("Category", "Unit")]
public sealed partial class CiWorkflowTests
{
    private const string Workflow = ".github/workflows/ci.yml";
    private const string CodecovAction = "codecov/codecov-action";
    private const string Token = "${{ secrets.CODECOV_TOKEN }}";

    private static readonly IReadOnlyList<WorkflowJob> Jobs = WorkflowJob.Load(Path.Combine(RepositoryRoot.Path(), Workflow));

    public static TheoryData<string> Apis => ["Clients", "Produits", "Commandes"];

    [Theory]
    [MemberData(nameof(Apis))]
    public void One_job_builds_the_api_alone_runs_its_tests_and_sends_its_coverage_to_codecov(string api)
    {
        var project = $"PayeTonKawa.{api}";
        var tests = $"PayeTonKawa.Tests.{api}";
        var build = new Regex($@"\./scripts/build\.sh {Regex.Escape(project)}(\s|$)");
        var test = new Regex($@"\./scripts/test\.sh --filter FullyQualifiedName~{Regex.Escape(tests)}(\s|$)");

        var jobs = Jobs.Where(job => job.Steps.Any(step => step.Run is { } run && test.IsMatch(Unquoted(run)))).ToList();

        var job = Assert.Single(jobs);
        Assert.True(job.Steps.Any(step => step.Run is { } run && build.IsMatch(Unquoted(run))),
            $"{Workflow}, job {job.Id} : pas de « ./scripts/build.sh {project} » avant les tests de l'API.");
        var upload = Assert.Single(job.Steps, step => step.Action == CodecovAction);
        Assert.Equal(api.ToLowerInvariant(), upload.With.GetValueOrDefault("flags"));
        Assert.True(Directory.Exists(Path.Combine(RepositoryRoot.Path(), project)), $"{project} n'est pas un dossier du dépôt.");
    }

    [Theory]
    [MemberData(nameof(Apis))]
    public void The_filter_of_each_api_job_selects_tests(string api)
    {
        var prefix = $"PayeTonKawa.Tests.{api}";

        // dotnet test passes, silently, when its filter selects no test at all. The tests live in the three test
        // projects, compiled apart from this one: their sources tell which namespaces hold tests.
        var selected = Directory.EnumerateDirectories(RepositoryRoot.Path(), "PayeTonKawa.Tests*")
            .SelectMany(project => Directory.EnumerateFiles(project, "*.cs", SearchOption.AllDirectories))
            .Select(File.ReadAllText)
            .Where(source => Namespace().Match(source) is { Success: true } declared && declared.Groups[1].Value.Contains(prefix, StringComparison.Ordinal))
            .Sum(source => TestMethod().Count(source));

        Assert.True(selected > 0, $"Le filtre FullyQualifiedName~{prefix} ne choisit aucun test.");
    }

    [Fact]
    public void The_whole_suite_sends_its_coverage_to_codecov_after_its_gate()
    {
        // The jobs that run the whole suite (with the machine's servers, or in containers): one report is enough.
        var suites = Jobs.Where(job => job.Steps.Any(step => step.Run is "./scripts/test.sh")).ToList();

        var upload = Assert.Single(suites.SelectMany(job => job.Steps), step => step.Action == CodecovAction);
        Assert.Equal("suite", upload.With.GetValueOrDefault("flags"));
        Assert.Equal("coverage/Cobertura.xml", upload.With.GetValueOrDefault("files"));
    }

    [Fact]
    public void Every_codecov_upload_uses_the_secret_token_and_an_action_pinned_to_a_commit()
    {
        var uploads = Jobs.SelectMany(job => job.Steps.Where(step => step.Action == CodecovAction).Select(step => (job, step))).ToList();

        Assert.NotEmpty(uploads);
        Assert.All(uploads, upload =>
        {
            Assert.Equal(Token, upload.step.With.GetValueOrDefault("token"));
            // The action receives the token: a tag could be moved to other code, a commit cannot.
            Assert.Matches("^[0-9a-f]{40}$", upload.step.Ref);
            Assert.Equal("true", upload.step.With.GetValueOrDefault("disable_search"));
        });
    }

    [Fact]
    public void Every_flag_sent_is_declared_in_codecov_yml_whose_target_is_the_gate_of_the_suite()
    {
        var codecov = Codecov();
        var declared = ((YamlMappingNode)codecov["flags"]).Children.Keys.Select(key => ((YamlScalarNode)key).Value).ToHashSet();
        var sent = Jobs.SelectMany(job => job.Steps).Where(step => step.Action == CodecovAction).Select(step => step.With["flags"]).ToHashSet();
        var suiteStatus = (YamlMappingNode)((YamlMappingNode)((YamlMappingNode)codecov["coverage"])["status"])["project"];
        var gate = GateMinimum().Match(File.ReadAllText(Path.Combine(RepositoryRoot.Path(), "scripts/coverage-gate.sh")));

        Assert.Equal(["clients", "commandes", "produits", "suite"], sent.Order());
        Assert.Subset(declared!, sent!);
        Assert.True(gate.Success, "scripts/coverage-gate.sh : seuil par défaut introuvable.");
        Assert.Equal($"{gate.Groups[1].Value}%", ((YamlScalarNode)((YamlMappingNode)suiteStatus["suite"])["target"]).Value);
    }

    private static YamlMappingNode Codecov()
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(RepositoryRoot.Path(), "codecov.yml")))
        {
            stream.Load(reader);
        }

        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    private static string Unquoted(string command) => command.Replace("\"", "", StringComparison.Ordinal).Replace("'", "", StringComparison.Ordinal);

    [GeneratedRegex(@"^namespace ([\w.]+);", RegexOptions.Multiline)]
    private static partial Regex Namespace();

    [GeneratedRegex(@"^\s*\[(?:Fact|Theory)\b", RegexOptions.Multiline)]
    private static partial Regex TestMethod();

    [GeneratedRegex(@"COVERAGE_MIN:-(\d+)")]
    private static partial Regex GateMinimum();
}
