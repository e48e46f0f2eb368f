import Crossroads

#if canImport(Glibc)
    import Glibc
#endif

/// Shows long text through a pager on a terminal, as git does: `$PAGER`, else `less -R` where it is found
/// on `PATH`. Never used when standard input or output is not a terminal, or with `--no-pager`.
struct Pager {
    /// The shell command to run (`$PAGER`, or the `less -R` found on `PATH`).
    let command: String

    /// The pager for this environment, or `nil` when there is none (or `PAGER` is empty or `cat`).
    static func find(environment: [String: String]) -> Pager? {
        if let pager = environment["PAGER"] {
            let trimmed = String(pager.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }.reversed())
            return trimmed.isEmpty || trimmed == "cat" ? nil : Pager(command: trimmed)
        }
        let path = environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") where !folder.isEmpty {
            let candidate = "\(folder)/less"
            if access(candidate, X_OK) == 0 { return Pager(command: "'\(candidate)' -R") }
        }
        return nil
    }

    /// Runs the pager with `text` on its standard input and waits for it. Returns false when it could not
    /// be started or did not end normally, so the caller can show the text itself.
    func show(_ text: String) -> Bool {
        var pipeEnds: [Int32] = [-1, -1]
        guard pipe(&pipeEnds) == 0 else { return false }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeEnds[0], 0)
        posix_spawn_file_actions_addclose(&actions, pipeEnds[1])
        posix_spawn_file_actions_addclose(&actions, pipeEnds[0])
        var pid: pid_t = 0
        let arguments = ["/bin/sh", "-c", command]
        var argv: [UnsafeMutablePointer<CChar>?] = arguments.map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        let spawned = posix_spawn(&pid, "/bin/sh", &actions, nil, &argv, environ)
        close(pipeEnds[0])
        guard spawned == 0 else {
            close(pipeEnds[1])
            return false
        }
        // A pager that quits early closes the pipe: ignore SIGPIPE while writing to it.
        let previous = signal(SIGPIPE, SIG_IGN)
        var bytes = Array(text.utf8)[...]
        while !bytes.isEmpty {
            let written = bytes.withUnsafeBytes { write(pipeEnds[1], $0.baseAddress, $0.count) }
            if written < 0 && errno == EINTR { continue }
            if written <= 0 { break }
            bytes = bytes.dropFirst(written)
        }
        close(pipeEnds[1])
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        signal(SIGPIPE, previous)
        // Exited (any status: less exits 0, a pager quit with q may not): shown. Killed by a signal: not.
        return status & 0x7f == 0
    }
}
