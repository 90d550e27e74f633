// Where a traced packet enters the node's netfilter: arriving on an interface (prerouting, then input or forward and
// postrouting) or sent by the node itself (output, postrouting, and input when it is for a local address).
namespace Kinet.Nftables.Tracing;

public enum NftHookPath { Arriving, FromHost }
