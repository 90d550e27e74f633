// SPDY/3.1 control frame types (2.6) and the RST_STREAM status codes used here.
namespace Kinet.Api.Streams.Spdy;

internal static class SpdyFrameType
{
    public const int SynStream = 1;
    public const int SynReply = 2;
    public const int RstStream = 3;
    public const int Settings = 4;
    public const int Ping = 6;
    public const int GoAway = 7;
    public const int Headers = 8;
    public const int WindowUpdate = 9;

    public const byte FlagFin = 0x01;

    public const int RstProtocolError = 1;
    public const int RstRefusedStream = 3;
    public const int RstCancel = 5;
}
