import Foundation

/// Runs the built tool under a pseudo-terminal, through a small python3 driver: it starts the tool with a
/// terminal of a given size as its standard input, output and error, then, step by step, waits for some
/// text in what the tool wrote and types a reply. Everything is bounded by timeouts.
enum PTY {
    /// One step: wait until the output (after the previous step's match) contains `expect`, then type `send`,
    /// or, with `kill`, send the tool that signal instead.
    struct Step: Encodable {
        var expect: String
        var send: String
        var kill: Int32? = nil
    }

    /// What a run under a pseudo-terminal gave.
    struct Result: CustomStringConvertible {
        /// The exit status, or `128 + signal` when ended by a signal; -1 when it had to be killed.
        var status: Int
        /// Everything the terminal showed (standard output and error together, with the echo of what was typed).
        var output: String
        var timedOut: Bool
        /// The step that never matched, if any.
        var failedStep: Int?

        var description: String {
            "status \(status)\(timedOut ? " TIMED OUT" : "")\(failedStep.map { " (step \($0) never matched)" } ?? "")\n\(output)"
        }
    }

    /// Whether python3 (and with it the driver) is available.
    static let isAvailable: Bool = FileManager.default.isExecutableFile(atPath: python ?? "")

    static let python: String? = ["/usr/bin/python3", "/usr/local/bin/python3", "/bin/python3"]
        .first { FileManager.default.isExecutableFile(atPath: $0) }

    private struct Spec: Encodable {
        var argv: [String]
        var env: [String: String]
        var cols: Int
        var rows: Int
        var steps: [Step]
        var timeout: Double
        var cwd: String?
    }

    /// Runs the built `crossroads` with `arguments` under a terminal `columns` wide.
    static func run(
        _ arguments: [String], steps: [Step], environment: [String: String?] = [:], columns: Int = 80,
        rows: Int = 24, directory: URL? = nil, timeout: Double = 30
    ) throws -> Result {
        guard let binary = Tool.crossroads, let python else { throw ToolProcess.Failure.notBuilt }
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm-256color"
        env.removeValue(forKey: "NO_COLOR")
        for (name, value) in environment { env[name] = value }
        let spec = Spec(
            argv: [binary.path] + arguments, env: env, cols: columns, rows: rows, steps: steps,
            timeout: timeout, cwd: directory?.path)
        let json = String(decoding: try JSONEncoder().encode(spec), as: UTF8.self)
        let run = try Tool.run(
            ["-c", driver, json], stdin: nil, timeout: timeout + 10, executable: URL(fileURLWithPath: python))
        guard let data = run.stdout.data(using: .utf8),
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any],
            let status = object["status"] as? Int,
            let encoded = object["output"] as? String,
            let bytes = Data(base64Encoded: encoded)
        else {
            return Result(status: -2, output: "driver failed: \(run)", timedOut: run.timedOut, failedStep: nil)
        }
        return Result(
            status: status, output: String(decoding: bytes, as: UTF8.self),
            timedOut: object["timedOut"] as? Bool ?? false, failedStep: object["failedStep"] as? Int)
    }

    /// The driver, in python3: a pty with a size set before the tool starts, expect-then-send steps, and a
    /// hard timeout after which the tool is killed.
    static let driver = #"""
        import json, os, sys, time, select, signal, fcntl, termios, struct, base64
        spec = json.loads(sys.argv[1])
        master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", spec["rows"], spec["cols"], 0, 0))
        pid = os.fork()
        if pid == 0:
            try:
                os.setsid()
                signal.pthread_sigmask(signal.SIG_SETMASK, [])
                for number in (signal.SIGINT, signal.SIGQUIT, signal.SIGPIPE, signal.SIGTERM):
                    signal.signal(number, signal.SIG_DFL)
                fcntl.ioctl(slave, termios.TIOCSCTTY, 0)
                for fd in (0, 1, 2):
                    os.dup2(slave, fd)
                os.close(master)
                if slave > 2:
                    os.close(slave)
                if spec.get("cwd"):
                    os.chdir(spec["cwd"])
                os.execve(spec["argv"][0], spec["argv"], spec["env"])
            finally:
                os._exit(127)
        os.close(slave)
        deadline = time.time() + spec["timeout"]
        output = b""
        position = 0
        step = 0
        steps = spec["steps"]
        failed = None
        timed_out = False
        status = None
        while True:
            now = time.time()
            if now > deadline:
                timed_out = True
                failed = step if step < len(steps) else None
                os.kill(pid, signal.SIGKILL)
                break
            while step < len(steps):
                wanted = steps[step]["expect"].encode()
                found = output.find(wanted, position)
                if found < 0:
                    break
                position = found + len(wanted)
                time.sleep(0.05)
                if steps[step].get("kill"):
                    os.kill(pid, steps[step]["kill"])
                else:
                    os.write(master, steps[step]["send"].encode())
                step += 1
            ready, _, _ = select.select([master], [], [], 0.05)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    chunk = b""
                if not chunk:
                    break
                output += chunk
            else:
                done, raw = os.waitpid(pid, os.WNOHANG)
                if done:
                    status = raw
                    # Read what is left.
                    while True:
                        ready, _, _ = select.select([master], [], [], 0.1)
                        if not ready:
                            break
                        try:
                            chunk = os.read(master, 65536)
                        except OSError:
                            break
                        if not chunk:
                            break
                        output += chunk
                    break
        if status is None:
            _, status = os.waitpid(pid, 0)
        if os.WIFEXITED(status):
            code = os.WEXITSTATUS(status)
        elif os.WIFSIGNALED(status):
            code = 128 + os.WTERMSIG(status)
        else:
            code = -1
        if timed_out:
            code = -1
        if failed is None and step < len(steps):
            failed = step
        print(json.dumps({"status": code, "output": base64.b64encode(output).decode(), "timedOut": timed_out, "failedStep": failed}))
        """#
}
