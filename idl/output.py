# SPDX-License-Identifier: BSD-2-Clause
"""Writing results (the last step of the CLI).

Input: the rendered files, the spec text, the input list. Output: files
on disk, each written atomically (a temporary file in the same directory,
then os.replace), and only files whose content changed are replaced (so
make does not rebuild what did not change). A file no longer generated is
left alone.
"""
import os
import tempfile


def write_atomic(path, text):
    """Replace path with text unless it already holds exactly that."""
    data = text.encode("utf-8")
    try:
        with open(path, "rb") as f:
            if f.read() == data:
                return
    except OSError:
        pass
    directory = os.path.dirname(path) or "."
    os.makedirs(directory, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".tmp-")
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
        os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise


def deps_text(targets, inputs):
    """A make dependency file: every target depends on every input; each
    input also gets an empty rule so a deleted input does not break make."""
    esc = lambda p: p.replace(" ", "\\ ").replace("$", "$$")  # noqa: E731
    lines = [" \\\n  ".join([" ".join(esc(t) for t in targets) + ":"] + [esc(i) for i in inputs])]
    lines += [f"{esc(i)}:" for i in inputs]
    return "\n".join(lines) + "\n"
