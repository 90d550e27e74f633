# kinet-init: the static x86-64 program every container starts as (InitBinary.cs holds its bytes: as --64, ld,
# objcopy -O binary -j .text). argv: groups of five (source, target, fstype, hex flags, data) for mount(2), an empty
# string, then root, working dir, "1" for a tty session, program path, program argv. It unshares a mount namespace,
# mounts, chroots, chdirs, optionally becomes a session leader with fd 0 as controlling tty, and execs the program
# with its own environment. Any failure: a line on stderr and exit 128.
.intel_syntax noprefix
.globl _start
_start:
    lea r12, [rsp+16]            # &argv[1]
    mov rax, [rsp]
    lea r13, [rsp+rax*8+16]      # envp
    mov edi, 0x20000             # CLONE_NEWNS
    mov eax, 272                 # unshare
    syscall
    test rax, rax
    jnz fail
next_mount:
    mov rdi, [r12]
    cmp byte ptr [rdi], 0
    je mounts_done
    mov rsi, [r12+24]            # flags, hex
    xor r10d, r10d
hex:
    movzx eax, byte ptr [rsi]
    test eax, eax
    jz hex_done
    shl r10, 4
    cmp al, 0x39
    jbe digit
    sub al, 0x27
digit:
    sub al, 0x30
    or r10, rax
    inc rsi
    jmp hex
hex_done:
    mov rdi, [r12]               # source
    mov rsi, [r12+8]             # target
    mov rdx, [r12+16]            # fstype
    mov r8, [r12+32]             # data
    mov eax, 165                 # mount
    syscall
    test rax, rax
    jnz fail_mount
    add r12, 40
    jmp next_mount
mounts_done:
    add r12, 8
    mov rdi, [r12]               # root
    mov eax, 161                 # chroot
    syscall
    test rax, rax
    jnz fail
    mov rdi, [r12+8]             # working dir
    mov eax, 80                  # chdir
    syscall
    test rax, rax
    jnz fail
    mov rdi, [r12+16]            # "1": new session with the tty as controlling terminal
    cmp byte ptr [rdi], 0x31
    jne exec
    mov eax, 112                 # setsid
    syscall
    xor edi, edi
    mov esi, 0x540e              # TIOCSCTTY
    mov edx, 1
    mov eax, 16                  # ioctl
    syscall
exec:
    mov rdi, [r12+24]            # program path
    lea rsi, [r12+32]            # argv
    mov rdx, r13                 # envp
    mov eax, 59                  # execve
    syscall
    mov rsi, [r12+24]
    jmp fail_named
fail_mount:
    mov rsi, [r12+8]
fail_named:                      # "kinet-init: <rsi>: error <errno>\n" is too much; name the path only
    mov r14, rax
    mov rbx, rsi
    mov edi, 2
    lea rsi, [rip+msg]
    mov edx, msg_end-msg
    mov eax, 1
    syscall
    mov rsi, rbx
    xor edx, edx
len:
    cmp byte ptr [rsi+rdx], 0
    je len_done
    inc rdx
    jmp len
len_done:
    mov edi, 2
    mov eax, 1
    syscall
    mov edi, 2
    lea rsi, [rip+nl]
    mov edx, 1
    mov eax, 1
    syscall
    jmp out
fail:
    mov edi, 2
    lea rsi, [rip+msg]
    mov edx, msg_end-msg-1
    mov eax, 1
    syscall
    mov edi, 2
    lea rsi, [rip+nl]
    mov edx, 1
    mov eax, 1
    syscall
out:
    mov edi, 128
    mov eax, 231                 # exit_group
    syscall
msg: .ascii "kinet: cannot set up the container: "
msg_end:
nl: .ascii "\n"
