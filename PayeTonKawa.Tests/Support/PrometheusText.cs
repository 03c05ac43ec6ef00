using System.Globalization;
using System.Text.RegularExpressions;

namespace PayeTonKawa.Tests.Support;

/// <summary>One sample of a Prometheus text exposition: metric name, labels and value.</summary>
public sealed record PrometheusSample(string Name, IReadOnlyDictionary<string, string> Labels, double Value)
{
    public bool Has(string label, string value) => Labels.TryGetValue(label, out var actual) && actual == value;
}

/// <summary>Parses what a <c>/metrics</c> scrape returns, to read counters and histograms the way Prometheus does.</summary>
public static partial class PrometheusText
{
    public static IReadOnlyList<PrometheusSample> Parse(string text) =>
    [
        .. text.Split('\n')
            .Where(line => line.Length > 0 && line[0] != '#')
            .Select(line => SampleLine().Match(line))
            .Where(match => match.Success)
            .Select(match => new PrometheusSample(
                match.Groups["name"].Value,
                LabelPair().Matches(match.Groups["labels"].Value).ToDictionary(pair => pair.Groups[1].Value, pair => pair.Groups[2].Value),
                Number(match.Groups["value"].Value))),
    ];

    /// <summary>Sum of the samples named <paramref name="name"/> whose labels include all of <paramref name="labels"/>.</summary>
    public static double Sum(this IEnumerable<PrometheusSample> samples, string name, params (string Label, string Value)[] labels) =>
        samples.Where(sample => sample.Name == name && labels.All(label => sample.Has(label.Label, label.Value))).Sum(sample => sample.Value);

    private static double Number(string value) => value switch
    {
        "+Inf" => double.PositiveInfinity,
        "-Inf" => double.NegativeInfinity,
        "NaN" => double.NaN,
        _ => double.Parse(value, CultureInfo.InvariantCulture),
    };

    [GeneratedRegex("""^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>.*)\})? (?<value>[^ ]+)( [0-9]+)?$""")]
    private static partial Regex SampleLine();

    [GeneratedRegex(""""([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"""")]
    private static partial Regex LabelPair();
}
