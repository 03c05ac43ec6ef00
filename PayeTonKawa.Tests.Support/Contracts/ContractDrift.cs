namespace PayeTonKawa.Tests.Contracts;

/// <summary>How an AsyncAPI drift check fails: every difference at once, and what to do about it.</summary>
internal static class ContractDrift
{
    public static void AssertNone(List<string> problems, string what)
    {
        if (problems.Count == 0)
        {
            return;
        }

        var update = ContractFile.UpdateRequested;
        Assert.Fail(
            $"{AsyncApiDocument.RelativePath} does not match {what}:{Environment.NewLine}"
            + string.Join(Environment.NewLine, problems.Select(problem => $"  - {problem}")) + Environment.NewLine
            + (update
                ? $"{ContractFile.UpdateVariable}=1 does not rewrite the AsyncAPI document: it is written by hand. Fix the document (or the code) and run the test again."
                : "The AsyncAPI document is written by hand: fix it (or the code), then run this test again."));
    }

    /// <summary>Problems for the differences between two sets: what <paramref name="actual"/> has that the document lacks, and the reverse.</summary>
    public static IEnumerable<string> Compare(IEnumerable<string> documented, IEnumerable<string> actual, string undocumented, string stale)
    {
        var inDocument = documented.ToHashSet(StringComparer.Ordinal);
        var inCode = actual.ToHashSet(StringComparer.Ordinal);
        return inCode.Except(inDocument).Order(StringComparer.Ordinal).Select(item => $"{undocumented}: {item}")
            .Concat(inDocument.Except(inCode).Order(StringComparer.Ordinal).Select(item => $"{stale}: {item}"));
    }
}
