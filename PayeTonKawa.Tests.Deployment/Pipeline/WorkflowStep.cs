namespace PayeTonKawa.Tests.Pipeline;

/// <summary>A step of a <see cref="WorkflowJob"/>: the action it uses, or the command it runs, and its inputs.</summary>
public sealed record WorkflowStep(string? Uses, string? Run, IReadOnlyDictionary<string, string> With)
{
    /// <summary>The action's name without its version (<c>codecov/codecov-action</c>), or null for a <c>run</c> step.</summary>
    public string? Action => Uses?.Split('@')[0];

    /// <summary>What follows the <c>@</c>: a tag, a branch or a commit.</summary>
    public string? Ref => Uses is { } uses && uses.Contains('@', StringComparison.Ordinal) ? uses[(uses.IndexOf('@', StringComparison.Ordinal) + 1)..] : null;
}
