"""Reading an untrusted file in a child process with a time and memory budget.

A zip bomb disguised as .docx, or an 800-page PDF, must not stall a server or take its memory:
the file is read by a process of its own (``python -m planwatch.ingest.bounded``), which may use
``memory_bytes`` of address space and ``seconds`` of time; past either it is stopped and the
file refused with a clear message. At most ``parallel`` files are read at once; more wait their
turn for up to ``seconds``. A new process costs about a third of a second: uploads are rare.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from dataclasses import dataclass

from planwatch import errors
from planwatch.errors import PlanwatchError, UnsupportedDocument
from planwatch.model import PlanDocument


@dataclass(frozen=True)
class ReadBudget:
    seconds: float = 30.0
    memory_bytes: int = 1024 * 1024 * 1024  # address space of the reading process
    parallel: int = 2


DEFAULT_BUDGET = ReadBudget()
_SLOTS: dict[int, threading.BoundedSemaphore] = {}
_SLOTS_LOCK = threading.Lock()


def _slots(budget: ReadBudget) -> threading.BoundedSemaphore:
    with _SLOTS_LOCK:
        return _SLOTS.setdefault(budget.parallel, threading.BoundedSemaphore(budget.parallel))


def read_bytes_bounded(
    data: bytes, source: str, budget: ReadBudget = DEFAULT_BUDGET
) -> PlanDocument:
    """``ingest.read_bytes`` in a child process within ``budget``; blocking, so a server calls
    it from a worker thread."""
    slots = _slots(budget)
    if not slots.acquire(timeout=budget.seconds):
        raise UnsupportedDocument(
            "服务器正在读取其他上传的文件，请稍后再试", "the server is busy reading other uploads"
        )
    try:
        return _read(data, source, budget)
    finally:
        slots.release()


def _read(data: bytes, source: str, budget: ReadBudget) -> PlanDocument:
    command = [sys.executable, "-m", "planwatch.ingest.bounded", str(budget.memory_bytes)]
    header = json.dumps({"source": source}).encode() + b"\n"
    child = subprocess.Popen(
        command, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL
    )
    try:
        output, _ = child.communicate(header + data, timeout=budget.seconds)
    except subprocess.TimeoutExpired:
        child.kill()
        child.communicate()
        raise UnsupportedDocument(
            f"读取该文件超过{budget.seconds:g}秒，已停止（文件过大或已损坏）",
            f"reading the file took longer than {budget.seconds:g} s",
        ) from None
    if not output:  # died without a word: out of memory in a library, or killed
        raise UnsupportedDocument(
            "读取该文件时读取进程异常退出（文件过大或已损坏），已拒绝",
            "the reading process died (file too large or damaged)",
        )
    answer = json.loads(output)
    if "document" in answer:
        return PlanDocument.model_validate(answer["document"])
    raise _refusal(answer)


def _refusal(answer: dict) -> PlanwatchError:
    if "error" in answer:
        name, message, english = answer["error"]
        cls = getattr(errors, name, None)
        if not (isinstance(cls, type) and issubclass(cls, PlanwatchError)):
            cls = UnsupportedDocument
        return cls(message, english)
    if "memory" in answer:
        return UnsupportedDocument(
            "读取该文件所需内存超过上限（可能是压缩炸弹或已损坏的文件），已拒绝",
            "reading the file needs more memory than allowed",
        )
    kind = answer.get("damaged", "")
    return UnsupportedDocument(f"文件已损坏，无法读取（{kind}）", f"damaged file ({kind})")


def _child(memory: int) -> None:
    """The child: cap the address space, read the file from stdin, answer one JSON line."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
    stream = sys.stdin.buffer
    source = json.loads(stream.readline())["source"]
    data = stream.read()
    answer: dict
    try:
        from planwatch.ingest import read_bytes

        answer = {"document": read_bytes(data, source).model_dump(mode="json")}
    except PlanwatchError as error:
        answer = {"error": [type(error).__name__, error.message, error.english]}
    except MemoryError:
        answer = {"memory": True}
    except Exception as error:  # a reader's bug on a damaged file: refused, named
        answer = {"damaged": type(error).__name__}
    sys.stdout.write(json.dumps(answer, ensure_ascii=False))


if __name__ == "__main__":
    _child(int(sys.argv[1]))
