// The pod's pause process: a 200-byte static x86-64 ELF written at mount time (no compiler, no image, no .NET process
// per pod). It is PID 1 of the pod's PID namespace, so it must reap orphans: it sets the hostname from argv[1]
// (its UTS namespace is the pod's), blocks SIGCHLD, then loops reaping with wait4(-1, WNOHANG) and sleeping in
// rt_sigtimedwait({SIGCHLD}). A blocked SIGCHLD is queued even for a namespace init, so no exit is missed. It never
// exits on its own; SIGKILL from the host ends it and with it every process of the pod. Extra argv entries are markers
// (`kinet-cluster=<name>`, `kinet-pod=<id>`) by which cleanup finds it after a daemon crash. The readiness sign is
// the pause sleeping in rt_sigtimedwait (/proc/<pid>/syscall): from then on the hostname is set.
// Other architectures fall back to /bin/sh waiting on a long sleep (dash's wait reaps any child) and `hostname`.
using System.Runtime.InteropServices;

namespace Kinet.Node.Processes;

internal static class PauseBinary
{
    public static bool Native => RuntimeInformation.ProcessArchitecture == Architecture.X64;

    private static readonly byte[] Code =
    [
        0x48, 0x8b, 0x7c, 0x24, 0x10,             // 00 mov rdi, [rsp+16]      ; argv[1]: the hostname
        0x48, 0x85, 0xff,                         // 05 test rdi, rdi
        0x74, 0x14,                               // 08 je 1e
        0x31, 0xf6,                               // 0a xor esi, esi           ; strlen
        0x80, 0x3c, 0x37, 0x00,                   // 0c cmp byte [rdi+rsi], 0
        0x74, 0x05,                               // 10 je 17
        0x48, 0xff, 0xc6,                         // 12 inc rsi
        0xeb, 0xf5,                               // 15 jmp 0c
        0xb8, 0xaa, 0x00, 0x00, 0x00,             // 17 mov eax, 170           ; sethostname(name, len)
        0x0f, 0x05,                               // 1c syscall
        0x68, 0x00, 0x00, 0x01, 0x00,             // 1e push 0x10000           ; sigset {SIGCHLD}
        0x31, 0xff,                               // 23 xor edi, edi           ; SIG_BLOCK
        0x48, 0x89, 0xe6,                         // 25 mov rsi, rsp
        0x31, 0xd2,                               // 28 xor edx, edx
        0x41, 0xba, 0x08, 0x00, 0x00, 0x00,       // 2a mov r10d, 8
        0xb8, 0x0e, 0x00, 0x00, 0x00,             // 30 mov eax, 14            ; rt_sigprocmask
        0x0f, 0x05,                               // 35 syscall
        0xbf, 0xff, 0xff, 0xff, 0xff,             // 37 mov edi, -1            ; reap: wait4(-1, 0, WNOHANG, 0)
        0x31, 0xf6,                               // 3c xor esi, esi
        0xba, 0x01, 0x00, 0x00, 0x00,             // 3e mov edx, 1
        0x45, 0x31, 0xd2,                         // 43 xor r10d, r10d
        0xb8, 0x3d, 0x00, 0x00, 0x00,             // 46 mov eax, 61
        0x0f, 0x05,                               // 4b syscall
        0x48, 0x85, 0xc0,                         // 4d test rax, rax
        0x7f, 0xe5,                               // 50 jg 37              ; reaped one: try again
        0x48, 0x89, 0xe7,                         // 52 mov rdi, rsp           ; rt_sigtimedwait(set, 0, 0, 8)
        0x31, 0xf6,                               // 55 xor esi, esi
        0x31, 0xd2,                               // 57 xor edx, edx
        0x41, 0xba, 0x08, 0x00, 0x00, 0x00,       // 59 mov r10d, 8
        0xb8, 0x80, 0x00, 0x00, 0x00,             // 5f mov eax, 128
        0x0f, 0x05,                               // 64 syscall
        0xeb, 0xcf,                               // 66 jmp 37
    ];

    public static byte[] Image() => Elf(Code);

    /// <summary>An ELF image of <paramref name="code"/>: a 64-byte header, one PT_LOAD program header, then the code.</summary>
    public static byte[] Elf(byte[] code)
    {
        const ulong Base = 0x400000;
        const int HeaderSize = 64, PhSize = 56;
        var total = HeaderSize + PhSize + code.Length;
        var image = new byte[total];
        var w = new BinaryWriter(new MemoryStream(image));
        w.Write([0x7f, (byte)'E', (byte)'L', (byte)'F', 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        w.Write((ushort)2);                  // ET_EXEC
        w.Write((ushort)0x3e);               // EM_X86_64
        w.Write(1u);                         // EV_CURRENT
        w.Write(Base + HeaderSize + PhSize); // e_entry
        w.Write((ulong)HeaderSize);          // e_phoff
        w.Write(0ul);                        // e_shoff
        w.Write(0u);                         // e_flags
        w.Write((ushort)HeaderSize);
        w.Write((ushort)PhSize);
        w.Write((ushort)1);                  // e_phnum
        w.Write((ushort)64);                 // e_shentsize
        w.Write((ushort)0);                  // e_shnum
        w.Write((ushort)0);                  // e_shstrndx
        w.Write(1u);                         // PT_LOAD
        w.Write(5u);                         // R+X
        w.Write(0ul);                        // p_offset
        w.Write(Base);                       // p_vaddr
        w.Write(Base);                       // p_paddr
        w.Write((ulong)total);               // p_filesz
        w.Write((ulong)total);               // p_memsz
        w.Write(0x1000ul);                   // p_align
        w.Write(code);
        w.Flush();
        return image;
    }
}
