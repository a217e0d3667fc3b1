"""Shared plumbing: the feed server subprocess, timed child processes, tmux, stats."""

from __future__ import annotations

import contextlib
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent


def log(message: str) -> None:
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def median(values: Sequence[float]) -> float | None:
    return statistics.median(values) if values else None


def percentile(values: Sequence[float], q: float) -> float | None:
    """Nearest-rank percentile (q in 0..100)."""
    if not values:
        return None
    ordered = sorted(values)
    rank = max(1, min(len(ordered), round(q / 100 * len(ordered) + 0.5)))
    return ordered[rank - 1]


# The feed server ---------------------------------------------------------------


class FeedServer:
    """``bench_server.py`` in a subprocess; stops when this object is closed."""

    def __init__(self, feeds: int, items: int, max_seconds: float = 3600.0) -> None:
        self.proc = subprocess.Popen(
            [sys.executable, str(HERE / "bench_server.py"), "--feeds", str(feeds),
             "--items", str(items), "--max-seconds", str(max_seconds)],
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=HERE,
        )
        assert self.proc.stdout is not None
        line = self.proc.stdout.readline().split()
        if len(line) < 4 or line[0] != "PORT":
            self.close()
            raise RuntimeError(f"feed server did not start: {line}")
        self.port = int(line[1])
        self.total_bytes = int(line[3])
        self.feeds = feeds
        self.items = items
        self.base = f"http://127.0.0.1:{self.port}"

    def url(self, feed_no: int) -> str:
        return f"{self.base}/feed/{feed_no}.xml"

    def stats(self, reset: bool = False) -> dict[str, int]:
        with urllib.request.urlopen(f"{self.base}/stats", timeout=5) as response:
            data: dict[str, int] = json.load(response)
        if reset:
            urllib.request.urlopen(f"{self.base}/stats/reset", timeout=5).read()
        return data

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()

    def __enter__(self) -> FeedServer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# Timed child processes ------------------------------------------------------------


@dataclass
class Timed:
    seconds: float
    peak_rss_mb: float
    returncode: int
    stderr: str = ""
    extra: dict[str, object] = field(default_factory=dict)


def run_timed(
    cmd: Sequence[str], *, env: dict[str, str] | None = None, cwd: Path | None = None,
    timeout: float = 600.0,
) -> Timed:
    """Wall time from spawn to exit, and the child's peak RSS (``wait4`` rusage)."""
    start = time.perf_counter()
    proc = subprocess.Popen(
        list(cmd), env=env, cwd=cwd, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    assert proc.stderr is not None
    deadline = start + timeout
    status = 0
    rusage = None
    tree_peak = 0.0
    next_sample = start
    while True:
        pid, status, rusage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        now = time.perf_counter()
        if now > deadline:
            proc.kill()
            pid, status, rusage = os.wait4(proc.pid, 0)
            break
        if now >= next_sample:  # the whole process tree (worker processes included)
            tree_peak = max(tree_peak, tree_rss_mb(proc.pid))
            next_sample = now + 0.1
        time.sleep(0.002)
    elapsed = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    err = proc.stderr.read().decode("utf-8", "replace")
    proc.stderr.close()
    timed = Timed(elapsed, rusage.ru_maxrss / 1024, proc.returncode, err[-2000:])
    timed.extra["tree_peak_mb"] = max(tree_peak, timed.peak_rss_mb)
    return timed


def tree_rss_mb(pid: int) -> float:
    """Current RSS of ``pid`` and all its descendants, summed, in MB (sampled)."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        child = int(entry.name)
        children.setdefault(int(fields[1]), []).append(child)
        rss[child] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
    total = 0
    todo = [pid]
    while todo:
        current = todo.pop()
        total += rss.get(current, 0)
        todo.extend(children.get(current, []))
    return total / 1024 / 1024


def child_env(home: Path) -> dict[str, str]:
    """A clean environment with its own HOME, so nothing of the user's is read or written."""
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local/share"),
        "XDG_CACHE_HOME": str(home / ".cache"),
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "TERM": "xterm-256color",
        "PYTHONPATH": str(REPO),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for key in ("VIRTUAL_ENV", "PYENV_VERSION", "PYENV_ROOT"):
        if key in os.environ:
            env[key] = os.environ[key]
    home.mkdir(parents=True, exist_ok=True)
    return env


# tmux ----------------------------------------------------------------------------------


class Tmux:
    """A private tmux server (own socket) with a fixed 120x40 window size."""

    def __init__(self, width: int = 120, height: int = 40) -> None:
        if not shutil.which("tmux"):
            raise RuntimeError("tmux is not installed (apt-get install -y tmux)")
        self.socket = f"reader-bench-{os.getpid()}"
        self.width = width
        self.height = height
        self._cmd("-f", "/dev/null", "new-session", "-d", "-s", "bench", "-x", str(width),
                  "-y", str(height), "sleep 86400")
        self._cmd("set-option", "-g", "default-terminal", "tmux-256color")
        self._cmd("set-option", "-g", "remain-on-exit", "on")
        self._cmd("set-option", "-g", "default-size", f"{width}x{height}")

    def _cmd(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=False
        )
        if out.returncode != 0:
            raise RuntimeError(f"tmux {' '.join(args)}: {out.stderr.strip()}")
        return out.stdout

    def spawn(self, cmd: Sequence[str], env: dict[str, str], cwd: Path) -> tuple[str, int, float]:
        """Start ``cmd`` in a new window; (pane id, pid, perf_counter just before the spawn)."""
        env_args: list[str] = []
        for key, value in env.items():
            if key != "TERM":
                env_args += ["-e", f"{key}={value}"]
        shell_cmd = "exec " + " ".join(_quote(c) for c in cmd)
        start = time.perf_counter()
        out = self._cmd("new-window", "-d", "-P", "-F", "#{pane_id} #{pane_pid}", "-c",
                        str(cwd), *env_args, shell_cmd)
        pane, pid = out.split()
        return pane, int(pid), start

    def capture(self, pane: str) -> str:
        return self._cmd("capture-pane", "-p", "-t", pane)

    def dead(self, pane: str) -> bool:
        return self._cmd("display-message", "-p", "-t", pane, "#{pane_dead}").strip() == "1"

    def send(self, pane: str, *keys: str) -> None:
        self._cmd("send-keys", "-t", pane, *keys)

    def kill(self, pane: str) -> None:
        with contextlib.suppress(RuntimeError):
            self._cmd("kill-pane", "-t", pane)

    def close(self) -> None:
        with contextlib.suppress(RuntimeError):
            self._cmd("kill-server")


def _quote(arg: str) -> str:
    import shlex

    return shlex.quote(arg)


def vm_hwm_mb(pid: int) -> float | None:
    """Peak resident set size of a live process (VmHWM), in MB."""
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        return None
    return None


def cpu_ticks(pid: int) -> int | None:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[11]) + int(fields[12])  # utime + stime


def wait_idle(pid: int, quiet: float = 0.5, limit: float = 20.0) -> None:
    """Wait until ``pid`` used (almost) no CPU for ``quiet`` seconds, at most ``limit``."""
    deadline = time.perf_counter() + limit
    last = cpu_ticks(pid)
    calm_since = time.perf_counter()
    while last is not None and time.perf_counter() < deadline:
        time.sleep(0.1)
        now = cpu_ticks(pid)
        if now is None:
            return
        if now - last > 2:  # more than 20 ms of CPU in 100 ms: still busy
            calm_since = time.perf_counter()
        elif time.perf_counter() - calm_since >= quiet:
            return
        last = now


@dataclass
class Painted:
    seconds: float | None
    peak_rss_mb: float | None
    screen: str
    error: str | None = None


def time_to_screen(
    tmux: Tmux, cmd: Sequence[str], env: dict[str, str], cwd: Path,
    ready: Callable[[str], bool], *, timeout: float = 120.0, quit_keys: Sequence[str] = ("q",),
    settle: float = 0.3,
) -> Painted:
    """Spawn ``cmd`` in tmux and poll the screen until ``ready(screen)``; time from spawn.

    The peak RSS is read from ``/proc/PID/status`` (VmHWM) once the program has gone
    idle after the paint (at least ``settle`` seconds later; a list still loading in
    the background counts), then the program is asked to quit and its pane is killed.
    """
    pane, pid, start = tmux.spawn(cmd, env, cwd)
    screen = ""
    try:
        while True:
            screen = tmux.capture(pane)
            now = time.perf_counter()
            if ready(screen):
                seconds = now - start
                break
            if now - start > timeout:
                return Painted(None, vm_hwm_mb(pid), screen, f"not painted in {timeout:.0f} s")
            if tmux.dead(pane):
                return Painted(None, None, tmux.capture(pane), "exited before painting")
            time.sleep(0.005)
        time.sleep(settle)
        wait_idle(pid)
        peak = vm_hwm_mb(pid)
        for key in quit_keys:
            tmux.send(pane, key)
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline and not tmux.dead(pane):
            time.sleep(0.05)
        return Painted(seconds, peak, screen)
    finally:
        tmux.kill(pane)


# Machine ------------------------------------------------------------------------------


def machine_info() -> dict[str, str]:
    cpu = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        newsboat = subprocess.run(
            ["newsboat", "--version"], capture_output=True, text=True, check=False
        ).stdout.splitlines()[0]
    except (OSError, IndexError):
        newsboat = "not installed"
    mem = "unknown"
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        mem = f"{kb / 1024 / 1024:.0f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    try:
        commit = subprocess.run(
            ["git", "-C", str(REPO), "rev-parse", "--short", "HEAD"],
            capture_output=True, text=True, check=False,
        ).stdout.strip()
    except OSError:
        commit = ""
    try:
        import textual

        textual_version = textual.__version__
    except Exception:  # pragma: no cover - reported, not fatal
        textual_version = "?"
    return {
        "date": time.strftime("%Y-%m-%d %H:%M:%S %z"),
        "cpu": cpu,
        "nproc": str(os.cpu_count()),
        "memory": mem,
        "kernel": platform.release(),
        "python": platform.python_version(),
        "textual": textual_version,
        "newsboat": newsboat,
        "commit": commit,
        "load": " ".join(f"{x:.2f}" for x in os.getloadavg()),
    }
