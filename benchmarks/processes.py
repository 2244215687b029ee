"""A command timed in a new process, as the benchmarks of start-up time need it."""

from __future__ import annotations

import os
import resource
import statistics
import subprocess
import time
from collections.abc import Hashable, Mapping, Sequence


def run_timed(command: Sequence[str], env: Mapping[str, str] | None = None) -> tuple[float, float]:
    """Wall and CPU seconds of one run of ``command`` (CPU: the child's user and system time,
    which another job on the shared cores disturbs less than the wall clock). A failing
    command raises: a benchmark of an error is no figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    subprocess.run(
        list(command), env=dict(env or os.environ), check=True, stdout=subprocess.DEVNULL
    )
    wall = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime


def compile_bytecode(src: str) -> None:
    """Compile the source tree's bytecode first, as ``pip install`` leaves a package: a shell
    with PYTHONDONTWRITEBYTECODE=1 (this machine's) would otherwise recompile planwatch's 60
    modules in every process, 0.1 s that no installed copy pays."""
    import compileall

    compileall.compile_dir(src, quiet=1)


def alternating_medians(
    commands: Mapping[Hashable, Sequence[str]], runs: int, env: Mapping[str, str] | None = None
) -> dict[Hashable, float]:
    """Median wall seconds of each command over ``runs`` new processes, the commands taking
    turns run by run, so a busy moment of the shared machine falls on all of them alike."""
    times: dict[Hashable, list[float]] = {key: [] for key in commands}
    for _ in range(runs):
        for key, command in commands.items():
            times[key].append(run_timed(command, env)[0])
    return {key: statistics.median(found) for key, found in times.items()}
