using System.Security.Cryptography;

namespace PayeTonKawa.AppHost.Infrastructure;

/// <summary>
/// A random password created on first use and kept, readable by root only, in the data directory: the servers keep
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
        File.WriteAllText(path, secret);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        return secret;
    }
}
