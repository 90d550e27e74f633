// Creates and removes a pod's network with no process at all: one dedicated thread makes the namespace (unshare +
// bind mount at /run/netns), enters the node to create the veth (host end up on cni0, peer eth0 sent into the pod), then
// enters the pod to bring lo and eth0 up and add the addresses and the default route, all over rtnetlink.
using Kinet.Node.Native;
using Kinet.Node.Network.Netlink;

namespace Kinet.Node.Network;

internal static class PodPlumbing
{
    private const int NoSuchDevice = 19;

    /// <summary>Creates the pod's namespace and veth; on failure nothing of the pod is left.</summary>
    public static async Task CreateAsync(string nodeNetnsPath, PodNetworkHandle pod)
    {
        using (new FileStream(pod.NetnsPath, FileMode.CreateNew, FileAccess.Write)) { }
        try
        {
            await NetnsThread.RunRoamingAsync(() => Plug(nodeNetnsPath, pod)).ConfigureAwait(false);
        }
        catch
        {
            NamedNetns.Delete(pod.NetnsName);
            throw;
        }
    }

    // Runs on the roaming thread, which starts in the daemon's namespace and is sent home afterwards.
    private static void Plug(string nodeNetnsPath, PodNetworkHandle pod)
    {
        NetnsNative.UnshareNet();
        NetnsNative.BindMount("/proc/thread-self/ns/net", pod.NetnsPath);
        var podFd = NetnsNative.OpenNamespace("/proc/thread-self/ns/net");
        var nodeFd = -1;
        try
        {
            nodeFd = NetnsNative.OpenNamespace(nodeNetnsPath);
            NetnsNative.EnterNet(nodeFd, nodeNetnsPath);
            using (var node = new RtNetlink())
                node.AddVeth(pod.HostVeth, pod.Mtu, RtNetlink.IndexOf("cni0"), pod.Interface, podFd);
            NetnsNative.EnterNet(podFd, pod.NetnsPath);
            using var inside = new RtNetlink();
            inside.SetUp(RtNetlink.IndexOf("lo"));
            var eth0 = RtNetlink.IndexOf(pod.Interface);
            inside.SetUp(eth0);
            foreach (var address in pod.Addresses)
                inside.AddAddress(eth0, address, pod.PrefixLength);
            inside.ReplaceDefaultRoute(pod.Gateway, eth0);
        }
        finally
        {
            NetnsNative.Close(podFd);
            if (nodeFd >= 0) NetnsNative.Close(nodeFd);
        }
    }

    /// <summary>Deletes the pod's eth0 (and so its veth peer on cni0) synchronously; a pod without one is fine.</summary>
    public static Task UnplugAsync(string podNetnsPath) => NetnsThread.RunAsync(podNetnsPath, () =>
    {
        if (NetnsNative.IfNameToIndex("eth0") is var index and > 0)
        {
            using var netlink = new RtNetlink();
            try
            {
                netlink.DeleteLink((int)index);
            }
            catch (NetlinkException e) when (e.Errno == NoSuchDevice)
            {
            }
        }
    });
}
