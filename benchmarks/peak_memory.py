"""A process's peak resident memory as Linux counts it for that process alone."""

from __future__ import annotations

from pathlib import Path


def high_water_mb(pid: int | str = "self") -> float | None:
    """``VmHWM`` of a running process in MB (``None`` without ``/proc``).

    Unlike ``ru_maxrss`` it leaves out the image the process was forked from: Linux
    carries that image's high-water mark over an exec into ``ru_maxrss``.
    """
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return None
    for line in status.splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return None
