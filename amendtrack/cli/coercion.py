"""Plain coercion of command-line values, so that running a command does not import pydantic.

typer 0.29 coerces every parameter through a pydantic ``TypeAdapter`` built when the command runs;
importing pydantic costs about 0.1 s, a third of the start-up of `amendtrack diff` on a small
deliberation. amendtrack's parameters are only ``str``, ``Path``, ``bool``, ``int`` and lists of
those, which need little validation beyond what click already did, so those are converted
directly here (a bad number refused in the user's language, where pydantic's message would be
English) and anything else goes to typer as usual. If typer's internals change, `install` does
nothing and typer's own coercion applies (tests/cli/test_coercion.py then reports the slower
start-up).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, get_args, get_origin

from amendtrack.errors import UsageError
from amendtrack.translation import _

_PLAIN = (str, Path, bool, int)


def install() -> bool:
    """Route plain parameters around pydantic; return False when typer's internals differ."""
    try:
        from typer import core
        from typer._coercion import RuntimeParam, TypeDescriptor
    except ImportError:
        return False
    original = getattr(core, "build_runtime_param", None)
    if original is None or getattr(original, "_amendtrack", False):
        return original is not None

    class PlainRuntimeParam(RuntimeParam):
        """A str or Path value, or a list of them, converted without validation."""

        def _coerce_value(self, value: Any, param: Any, ctx: Any) -> Any:
            if self.annotation is int:
                return _integer(value, param, self.parameter_info)
            convert = _converter(self.annotation)
            if isinstance(value, (list, tuple)):
                return [_converter(get_args(self.annotation)[0])(item) for item in value]
            return convert(value)

    def build_runtime_param(descriptor: TypeDescriptor) -> Any:
        if _is_plain(descriptor):
            return PlainRuntimeParam(
                annotation=descriptor.annotation, parameter_info=descriptor.parameter_info
            )
        return original(descriptor)

    setattr(build_runtime_param, "_amendtrack", True)  # noqa: B010
    setattr(core, "build_runtime_param", build_runtime_param)  # noqa: B010
    return True


def _is_plain(descriptor: Any) -> bool:
    info = descriptor.parameter_info
    if descriptor.file_annotation is not None or info.parser is not None:
        return False
    if getattr(info, "exists", False) or getattr(info, "resolve_path", False):
        return False
    if getattr(info, "allow_dash", False) or getattr(info, "path_type", None) is not None:
        return False
    if getattr(info, "clamp", False) or getattr(info, "count", False):
        return False
    annotation = descriptor.annotation
    if get_origin(annotation) is list:
        (item,) = get_args(annotation) or (None,)
        return item in _PLAIN
    return annotation in _PLAIN


def _converter(annotation: Any) -> Any:
    if annotation is Path:
        return _path
    if annotation is bool:
        return _boolean
    return str


def _path(value: Any) -> Path:
    # Path("") is Path("."): an empty argument would name the current folder.
    if str(value) == "":
        raise UsageError(_("an empty file name names no file"))
    return Path(value)


def _integer(value: Any, param: Any, info: Any) -> int:
    """A whole number, within the parameter's ``min`` and ``max``."""
    name = max(getattr(param, "opts", None) or [param.metavar or param.name], key=len)
    try:
        number = int(str(value).strip())
    except ValueError:
        raise UsageError(_("{option} takes a whole number, not {value!r}").format(
            option=name, value=value)) from None
    low, high = getattr(info, "min", None), getattr(info, "max", None)
    if (low is not None and number < low) or (high is not None and number > high):
        if high is None:
            message = _("{option} takes a number of at least {low}, not {value}")
        elif low is None:
            message = _("{option} takes a number of at most {high}, not {value}")
        else:
            message = _("{option} takes a number from {low} to {high}, not {value}")
        raise UsageError(message.format(option=name, low=low, high=high, value=number))
    return number


def _boolean(value: Any) -> bool:
    if isinstance(value, bool):
        return value
    from amendtrack.model import read_bool  # the model's import is kept off start-up

    answer = read_bool(str(value))
    if answer is None:
        raise UsageError(_("{value!r} is not true or false").format(value=value))
    return answer
