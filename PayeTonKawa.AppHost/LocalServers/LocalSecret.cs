using System.Security.Cryptography;

namespace PayeTonKawa.AppHost.LocalServers;

/// <summary>
/// A random password created on first use and kept, readable by its owner only, in the data directory: the servers keep
/// their users there too, so the password lives and dies with their data.
/// </summary>
internal static class LocalSecret
{
    public static string GetOrCreate(string dataDirectory, string name)
    {
        var path = Path.Combine(dataDirectory, name);
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }

        Directory.CreateDirectory(dataDirectory);
        var secret = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)).ToLowerInvariant();
        // Created with its final mode: never readable by others, not even for an instant.
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using (var writer = new StreamWriter(path, options))
        {
            writer.Write(secret);
        }

        return secret;
    }
}
