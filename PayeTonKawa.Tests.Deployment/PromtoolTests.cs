namespace PayeTonKawa.Tests.Deployment;

/// <summary>
/// The production alerts checked by Prometheus' own tool: <c>promtool check rules</c> (syntax, PromQL, templates, every
/// lint) and <c>promtool test rules</c> on a unit test per alert, where it fires on the series it should and stays
/// silent otherwise.
/// </summary>
public sealed class PromtoolTests : IDisposable
{
    private readonly string _directory = AlertRuleFiles.Prepare();

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task The_alert_rules_pass_promtool_check_with_every_lint()
    {
        var alerts = AlertRuleFiles.AlertNames();

        var (exitCode, output) = await Promtool.RunAsync(_directory, "check", "rules", "--lint=all", "--lint-fatal", AlertRuleFiles.RulesFileName);

        Assert.True(exitCode == 0, output);
        Assert.NotEmpty(alerts);
        Assert.Contains($"SUCCESS: {alerts.Count} rules found", output, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(AlertRuleFiles.TestFileNames), MemberType = typeof(AlertRuleFiles))]
    public async Task The_promtool_unit_test_passes(string testFile)
    {
        var (exitCode, output) = await Promtool.RunAsync(_directory, "test", "rules", testFile);

        Assert.True(exitCode == 0, output);
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_alert_has_a_unit_test_where_it_fires_and_one_where_it_stays_silent()
    {
        var alerts = AlertRuleFiles.AlertNames();
        var checks = Directory.GetFiles(AlertRuleFiles.TestsDirectory, "*.test.yaml").SelectMany(AlertRuleFiles.Checks).ToList();

        Assert.NotEmpty(alerts);
        Assert.All(alerts, alert =>
        {
            Assert.True(checks.Any(check => check.Alert == alert && check.Fires), $"{alert}: no promtool unit test where it fires");
            Assert.True(checks.Any(check => check.Alert == alert && check.Silent), $"{alert}: no promtool unit test where it stays silent");
        });
        Assert.All(checks, check => Assert.True(alerts.Contains(check.Alert), $"a unit test checks {check.Alert}, which no rule defines"));
    }

    [Theory]
    [MemberData(nameof(AlertRuleFiles.TestFileNames), MemberType = typeof(AlertRuleFiles))]
    public void Each_unit_test_reads_the_extracted_rules(string testFile) =>
        Assert.Equal(AlertRuleFiles.RulesFileName, AlertRuleFiles.RulesFileOf(Path.Combine(AlertRuleFiles.TestsDirectory, testFile)));
}
