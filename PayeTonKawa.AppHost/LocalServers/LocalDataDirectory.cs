using System.Security.Cryptography;
using System.Text;

namespace PayeTonKawa.AppHost.LocalServers;

/// <summary>
/// Where the local servers keep their data and their generated passwords when <c>Infrastructure:Local:DataDirectory</c>
/// is not set.
/// </summary>
public static class LocalDataDirectory
{
    /// <summary>The parent of the data directories of the clones run as root.</summary>
    public const string SharedRoot = "/var/lib/payetonkawa";

    /// <summary>
    /// As root, PostgreSQL runs as the <c>postgres</c> system user, which cannot reach a repository cloned under a
    /// private directory such as <c>/root</c> (mode 700): the data then goes under <see cref="SharedRoot"/>, in a folder
    /// named after the clone and a hash of its path, so that two clones never share a database. Any other user runs the
    /// servers as itself and keeps them in the repository's <c>.data</c>.
    /// </summary>
    public static string Default(string repository, bool runsAsRoot)
    {
        var path = Path.TrimEndingDirectorySeparator(Path.GetFullPath(repository));
        if (!runsAsRoot)
        {
            return Path.Combine(path, ".data");
        }

        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(path)))[..8].ToLowerInvariant();
        return Path.Combine(SharedRoot, $"{Path.GetFileName(path)}-{hash}");
    }
}
