// Creates and removes a pod's network with no process at all: one dedicated thread makes the namespace (unshare +
// bind mount at /run/netns), enters the node to create the veth (host end up on cni0 with hairpin on, peer eth0 sent
// into the pod), then enters the pod to bring lo and eth0 up and add the addresses and the default route; all over
// rtnetlink.
using Kinet.Node.Native;
using Kinet.Node.Network.Netlink;

namespace Kinet.Node.Network;

internal static class PodPlumbing
{
    private const int NoSuchDevice = 19;

    // The kernel serializes link changes (RTNL) anyway; a handful of threads at a time keeps a burst of a thousand pods
    // from becoming a thousand threads without slowing it down.
    private static readonly SemaphoreSlim Gate = new(8);

    /// <summary>Creates the pod's namespace and veth; on failure nothing of the pod is left.</summary>
    public static async Task CreateAsync(string nodeNetnsPath, PodNetworkHandle pod)
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
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
        finally
        {
            Gate.Release();
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
            {
                node.AddVeth(pod.HostVeth, pod.Mtu, RtNetlink.IndexOf("cni0"), pod.Interface, podFd);
                node.SetHairpin(RtNetlink.IndexOf(pod.HostVeth));
            }
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
    public static async Task UnplugAsync(string podNetnsPath)
    {
        await Gate.WaitAsync().ConfigureAwait(false);
        try
        {
            await NetnsThread.RunAsync(podNetnsPath, Unplug).ConfigureAwait(false);
        }
        finally
        {
            Gate.Release();
        }
    }

    // Runs inside the pod's namespace.
    private static void Unplug()
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
    }
}
