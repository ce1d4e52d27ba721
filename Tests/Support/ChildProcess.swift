import CSpawn
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A program a test starts, through `posix_spawn` rather than Foundation's `Process`.
///
/// Why: on Linux, swift-corelibs-foundation's `Process.run()` lists /proc/self/fd to close the
/// parent's descriptors in the child and copies each `dirent` whole, reading past glibc's buffer;
/// now and then the next page is unmapped and the test process crashes with SIGSEGV in
/// `Process.run()` (swiftlang/swift-corelibs-foundation#5472, still in Swift 6.3.1). It took down
/// CI's `make test` once and about one local run in three.
public final class ChildProcess: @unchecked Sendable {
    /// Where one of the child's output streams goes: a pipe to read, /dev/null, or the test's own.
    public enum Output: Sendable { case pipe, discard, inherit }

    /// How the child ended.
    public enum Termination: Equatable, Sendable {
        case exit(Int32)
        case signal(Int32)
    }

    public let processIdentifier: pid_t
    /// The read end of the child's standard output, when it was `.pipe`.
    public let standardOutput: FileHandle?
    /// The read end of the child's standard error, when it was `.pipe`.
    public let standardError: FileHandle?

    private let lock = NSLock()
    private var ended: Termination?  // set once waitpid has reaped the child; guarded by lock

    /// Starts `executable` with `arguments` and this process's environment; the child's standard
    /// input is /dev/null and it inherits no other descriptor.
    public init(_ executable: String, _ arguments: [String],
                standardOutput: Output = .discard, standardError: Output = .discard) throws {
        var actions = posix_spawn_file_actions_t()
        try Self.check(posix_spawn_file_actions_init(&actions), "posix_spawn_file_actions_init")
        defer { posix_spawn_file_actions_destroy(&actions) }
        try Self.check(posix_spawn_file_actions_addopen(&actions, STDIN_FILENO, "/dev/null", O_RDONLY, 0), "addopen")

        var parentEnds: [Int32: Int32] = [:]  // child's descriptor -> the parent's read end
        var childEnds: [Int32] = []
        var started = false
        defer {
            childEnds.forEach { close($0) }
            if !started { parentEnds.values.forEach { close($0) } }
        }
        for (target, output) in [(STDOUT_FILENO, standardOutput), (STDERR_FILENO, standardError)] {
            switch output {
            case .inherit:
                break
            case .discard:
                try Self.check(posix_spawn_file_actions_addopen(&actions, target, "/dev/null", O_WRONLY, 0), "addopen")
            case .pipe:
                // O_CLOEXEC: a child another test spawns meanwhile must not hold this pipe open.
                var ends: [Int32] = [0, 0]
                guard cspawn_pipe_cloexec(&ends) == 0 else { throw ChildProcessError(call: "pipe2", code: errno) }
                parentEnds[target] = ends[0]
                childEnds.append(ends[1])
                try Self.check(posix_spawn_file_actions_adddup2(&actions, ends[1], target), "adddup2")
            }
        }
        try Self.check(cspawn_addclosefrom(&actions, 3), "posix_spawn_file_actions_addclosefrom_np")

        let argv = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { argv.forEach { free($0) } }
        var pid = pid_t()
        let spawned = argv.withUnsafeBufferPointer { argv in
            posix_spawn(&pid, executable, &actions, nil, UnsafeMutablePointer(mutating: argv.baseAddress!), environ)
        }
        guard spawned == 0 else { throw ChildProcessError(call: "posix_spawn \(executable)", code: spawned) }
        started = true
        processIdentifier = pid
        self.standardOutput = parentEnds[STDOUT_FILENO].map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
        self.standardError = parentEnds[STDERR_FILENO].map { FileHandle(fileDescriptor: $0, closeOnDealloc: true) }
    }

    /// Starts a program found on `PATH`.
    public convenience init(searching program: String, _ arguments: [String],
                            standardOutput: Output = .discard, standardError: Output = .discard) throws {
        try self.init("/usr/bin/env", [program] + arguments, standardOutput: standardOutput, standardError: standardError)
    }

    deinit {
        // A test that fails half-way must not leave an emulator running.
        if ended == nil {
            kill(processIdentifier, SIGKILL)
            _ = waitUntilExit()
        }
    }

    /// Sends `signal` unless the child has been reaped (its pid may belong to another by then).
    public func send(_ signal: Int32) {
        lock.withLock { if ended == nil { kill(processIdentifier, signal) } }
    }

    /// SIGTERM, as a user's Ctrl-C or `docker stop` would send.
    public func terminate() { send(SIGTERM) }

    /// Waits for the child to end and says how; later calls answer at once.
    @discardableResult
    public func waitUntilExit() -> Termination {
        if let ended = lock.withLock({ ended }) { return ended }
        // Wait without reaping, outside the lock, so `send` never blocks behind a wait and never
        // signals a pid that has been reaped.
        var info = siginfo_t()
        while waitid(P_PID, id_t(processIdentifier), &info, WEXITED | WNOWAIT) == -1 && errno == EINTR {}
        return lock.withLock {
            if let ended { return ended }
            var status: Int32 = 0
            while waitpid(processIdentifier, &status, 0) == -1 && errno == EINTR {}
            let termination: Termination = status & 0x7f == 0 ? .exit((status >> 8) & 0xff) : .signal(status & 0x7f)
            ended = termination
            return termination
        }
    }

    private static func check(_ result: Int32, _ call: String) throws {
        if result != 0 { throw ChildProcessError(call: call, code: result) }
    }
}

/// A system call that starting a child needed failed.
public struct ChildProcessError: Error, CustomStringConvertible {
    public var call: String
    public var code: Int32
    public var description: String { "\(call): \(String(cString: strerror(code)))" }
}
