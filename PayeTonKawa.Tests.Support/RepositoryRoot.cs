namespace PayeTonKawa.Tests.Support;

public static class RepositoryRoot
{
    /// <summary>The folder of <c>PayeTonKawa.sln</c>, found above the test binaries.</summary>
    public static string Path()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(folder.FullName, "PayeTonKawa.sln")))
            {
                return folder.FullName;
            }
        }

        throw new InvalidOperationException("PayeTonKawa.sln not found above the test binaries.");
    }
}
