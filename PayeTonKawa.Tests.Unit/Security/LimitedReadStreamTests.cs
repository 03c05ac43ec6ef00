using Microsoft.AspNetCore.Http;
using PayeTonKawa.ServiceDefaults.Http;

namespace PayeTonKawa.Tests.Security;

[Trait("Category", "Unit")]
public sealed class LimitedReadStreamTests
{
    [Fact]
    public async Task Reading_up_to_the_limit_works_in_every_way()
    {
        using var stream = new LimitedReadStream(new MemoryStream(new byte[6]), maxBytes: 6);
        var buffer = new byte[2];

        Assert.Equal(2, stream.Read(buffer, 0, 2));
        Assert.Equal(2, await stream.ReadAsync(buffer, 0, 2));
        Assert.Equal(2, await stream.ReadAsync(buffer.AsMemory()));
        Assert.Equal(0, stream.Read(buffer, 0, 2));
        Assert.Equal(6, stream.Position);
    }

    [Fact]
    public void Reading_past_the_limit_is_a_413_bad_request()
    {
        using var stream = new LimitedReadStream(new MemoryStream(new byte[6]), maxBytes: 5);

        var exception = Assert.Throws<BadHttpRequestException>(() => stream.Read(new byte[6], 0, 6));

        Assert.Equal(StatusCodes.Status413PayloadTooLarge, exception.StatusCode);
        Assert.Equal("Le corps de la requête est trop volumineux.", exception.Message);
    }

    [Fact]
    public void It_is_a_read_only_forward_stream()
    {
        using var stream = new LimitedReadStream(new MemoryStream(new byte[1]), maxBytes: 1);
        stream.Flush();

        Assert.True(stream.CanRead);
        Assert.False(stream.CanSeek);
        Assert.False(stream.CanWrite);
        Assert.Throws<NotSupportedException>(() => stream.Length);
        Assert.Throws<NotSupportedException>(() => stream.Position = 0);
        Assert.Throws<NotSupportedException>(() => stream.Seek(0, SeekOrigin.Begin));
        Assert.Throws<NotSupportedException>(() => stream.SetLength(0));
        Assert.Throws<NotSupportedException>(() => stream.Write([1], 0, 1));
    }
}
