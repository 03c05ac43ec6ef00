namespace PayeTonKawa.AppHost;

/// <summary>Whether the run was stopped because a resource failed to start.</summary>
internal sealed class StartupOutcome
{
    private volatile bool _failed;

    public bool Failed
    {
        get => _failed;
        set => _failed = value;
    }
}
