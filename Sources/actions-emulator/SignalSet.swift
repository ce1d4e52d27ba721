import Glibc

/// Signals handled synchronously: blocked in every thread, then awaited with `sigwait`.
struct SignalSet {
    private var set = sigset_t()

    /// SIGINT and SIGTERM: what stops the emulator cleanly.
    static var stop: SignalSet { SignalSet([SIGINT, SIGTERM]) }

    init(_ signals: [Int32]) {
        sigemptyset(&set)
        for signal in signals { sigaddset(&set, signal) }
    }

    /// Blocks the signals in this thread and in every thread it starts afterwards.
    func block() {
        var set = self.set
        pthread_sigmask(SIG_BLOCK, &set, nil)
    }

    /// Waits until one of the signals arrives and returns it.
    func wait() -> Int32 {
        var set = self.set
        var received: Int32 = 0
        sigwait(&set, &received)
        return received
    }
}
