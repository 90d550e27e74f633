using Kinet.Cli.Daemon;

namespace Kinet.Cli.Tests.Daemon;

public class DaemonHostTests
{
    [Fact]
    public void Ports_are_tried_from_6443_upward()
    {
        var ports = DaemonHost.CandidatePorts(null).ToList();
        Assert.Equal(6443, ports[0]);
        Assert.Equal(6543, ports[^1]);
        Assert.Equal(101, ports.Count);
    }

    [Fact]
    public void A_restart_tries_the_previous_port_first_so_kubeconfigs_stay_valid()
    {
        var ports = DaemonHost.CandidatePorts(6450).ToList();
        Assert.Equal([6450, 6443, 6444], ports.Take(3));
        Assert.Single(ports, p => p == 6450);
        Assert.Equal(101, ports.Count);
    }

    [Fact]
    public void A_previous_port_outside_the_range_is_ignored() => Assert.Equal(6443, DaemonHost.CandidatePorts(80).First());

    [Fact]
    public void A_process_that_is_not_a_kinet_daemon_is_never_taken_for_one()
    {
        Assert.False(DaemonProcess.IsDaemonOf(Environment.ProcessId, "kinet"));
        Assert.False(DaemonProcess.IsDaemonOf(int.MaxValue, "kinet"));
    }
}
